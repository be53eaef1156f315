import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { longestCreateMs } from "~/server/attempts/live-window";
import type { Database } from "~/server/prisma";
import type { RememberedCreate } from "~/server/threads/thread-service";

/**
 * The official SDKs retry a failed call by themselves (a dropped connection, a timeout,
 * 408/409/429/5xx), without an idempotency key, marking each retry `X-Stainless-Retry-Count: N`.
 * The gateway remembers each un-keyed create so such a retry reuses the first one's attempt.
 */
export const SDK_RETRY_COUNT_HEADER = "x-stainless-retry-count";

/** The longest pause an SDK takes before retrying (it honours Retry-After up to a minute). */
const SDK_LONGEST_RETRY_PAUSE_MS = 60_000;

/** How long after a create a retry of it still counts as that create: its longest life, plus the SDK's longest pause. */
export function retryWindowMs(timeoutMs: number): number {
  return longestCreateMs(timeoutMs) + SDK_LONGEST_RETRY_PAUSE_MS;
}

export function isSdkRetry(headers: Headers): boolean {
  const count = Number(headers.get(SDK_RETRY_COUNT_HEADER));
  return Number.isInteger(count) && count > 0;
}

/**
 * The two gateway requests that create a thread. Each keeps its own body hashes and caller
 * keys: a thread create never counts as a repeat of a create-and-run, nor the reverse.
 */
export type GatewayCreateKind = "thread" | "run";

/** SHA-256 of the body's exact bytes, with the kind of create in front. */
export function bodyHash(kind: GatewayCreateKind, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(`${kind}\n`).update(bytes).digest());
}

/** The idempotency key of the newest create with this key and these exact body bytes inside the window, or null. */
export async function findEarlierCreate(
  db: Database,
  input: { apiKeyId: string; hash: Uint8Array<ArrayBuffer>; timeoutMs: number },
): Promise<string | null> {
  const earlier = await db.gatewayCreate.findFirst({
    where: { apiKeyId: input.apiKeyId, bodyHash: input.hash, createdAt: { gte: new Date(Date.now() - retryWindowMs(input.timeoutMs)) } },
    orderBy: { createdAt: "desc" },
    select: { idempotencyKey: true },
  });
  return earlier?.idempotencyKey ?? null;
}

/**
 * A new un-keyed create: its attempt's idempotency key, and the row that lets an SDK retry of
 * it find that attempt. The claim writes both in one statement (`createThread`'s `remember`),
 * so the row is never there without its attempt, and a create costs no extra commit.
 */
export function newGatewayCreate(input: { apiKeyId: string; hash: Uint8Array<ArrayBuffer> }): { idempotencyKey: string; remember: RememberedCreate } {
  return { idempotencyKey: `gateway:${input.apiKeyId}:auto:${randomUUID()}`, remember: { apiKeyId: input.apiKeyId, bodyHash: input.hash } };
}

/** A caller's own Idempotency-Key, kept apart from other keys' and from the dashboard's. */
export function callerIdempotencyKey(kind: GatewayCreateKind, apiKeyId: string, value: string): string {
  return `gateway:${apiKeyId}:${kind === "thread" ? "caller" : "run-caller"}:${value}`;
}
