import type { APIRequestContext } from "@playwright/test";
import { EMULATOR_URL } from "./ports";

type Fault = Record<string, unknown> & { kind: string; match?: string };

/** Queues a fault on the e2e stack's emulator; `match` keeps it to this test's request. */
export async function injectFault(request: APIRequestContext, fault: Fault) {
  const response = await request.post(`${EMULATOR_URL}/__emulator/faults`, { data: fault });
  if (!response.ok()) throw new Error(`fault not accepted: ${response.status()} ${await response.text()}`);
}

export async function ledgerBodies(request: APIRequestContext): Promise<string[]> {
  const response = await request.get(`${EMULATOR_URL}/__emulator/ledger`);
  const ledger = (await response.json()) as { data: { body: string }[] };
  return ledger.data.map((entry) => entry.body);
}

/** Unique per test and run, so parallel tests and reruns never see each other's threads. */
export function nonce(): string {
  return `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
