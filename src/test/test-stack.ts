// A real stack for integration tests: the emulator over HTTP, the SDK client the app
// uses, and the run's Postgres database.
import { startEmulator, type RunningEmulator } from "~/emulator/server";
import type { Viewer } from "~/server/auth/viewer";
import { createContextInner, type Context } from "~/server/context";
import { createPrismaClient, type Database } from "~/server/prisma";
import type pg from "pg";
import { createLimitPool, UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { createAssistantsUpstream } from "~/server/upstream/assistants-client";

export const TEST_API_KEY = "sk-test-0123456789abcdef";

let database: Database | undefined;

let limitPool: pg.Pool | undefined;

/** The rate limit's own pool, as each Spool instance has one. */
export function testLimitPool(): pg.Pool {
  limitPool ??= createLimitPool(process.env.DATABASE_URL!);
  return limitPool;
}

/** One client per test file, on the database global-setup made for this run. */
export function testDb(): Database {
  database ??= createPrismaClient(process.env.DATABASE_URL!);
  return database;
}

export function contextFor(
  baseURL: string,
  options: { timeoutMs?: number; viewer?: Viewer; headers?: HeadersInit; createsPerMinute?: number; clientAddress?: string } = {},
): Context {
  return createContextInner({
    db: testDb(),
    upstream: createAssistantsUpstream({ apiKey: TEST_API_KEY, baseURL, timeoutMs: options.timeoutMs ?? 5_000 }),
    headers: new Headers(options.headers),
    viewer: options.viewer ?? { kind: "open" },
    clientAddress: options.clientAddress ?? "local",
    upstreamLimit: new UpstreamCallLimit(testLimitPool(), options.createsPerMinute ?? 1_000_000),
  });
}

export async function startTestEmulator(): Promise<RunningEmulator> {
  return startEmulator();
}

/** A value no other test or run uses, to find this test's rows among the others. */
export function nonce(): string {
  return `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
