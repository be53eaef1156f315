import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { appRouter, createCaller } from "~/server/routers/_app";
import { retryAfterSecondsOf } from "~/server/error-mapping";
import { RateLimitedError } from "~/server/errors";
import { rejection } from "~/test/trpc-rejection";
import { contextFor, nonce, startTestEmulator, testDb } from "~/test/test-stack";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const anonymous = { kind: "anonymous", reason: "Sign in to use Spool: no x-forwarded-user header." } as const;

describe("with sign-in configured", () => {
  it("refuses every procedure to an anonymous caller, before looking at its input", async () => {
    const caller = createCaller(contextFor(emulator.baseURL, { viewer: anonymous }));
    const paths = Object.keys(appRouter._def.procedures);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const path of paths) {
      const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
        input: unknown,
      ) => Promise<unknown>;
      const error = await rejection(procedure({}));
      expect({ path, code: error.code }).toEqual({ path, code: "UNAUTHORIZED" });
      expect(error.message).toMatch(/Sign in/);
    }
  });

  it("stores nothing for an anonymous create", async () => {
    const idempotencyKey = randomUUID();
    const caller = createCaller(contextFor(emulator.baseURL, { viewer: anonymous }));
    await rejection(caller.threads.create({ idempotencyKey, request: {} }));
    expect(await testDb().createAttempt.findUnique({ where: { idempotencyKey } })).toBeNull();
  });
});

describe("cross-site requests", () => {
  it("refuses a mutation another site's page sent, and stores nothing", async () => {
    const idempotencyKey = randomUUID();
    const caller = createCaller(contextFor(emulator.baseURL, { headers: { host: "127.0.0.1:3000", origin: "https://evil.example" } }));
    const error = await rejection(caller.threads.create({ idempotencyKey, request: {} }));
    expect(error.code).toBe("FORBIDDEN");
    expect(await testDb().createAttempt.findUnique({ where: { idempotencyKey } })).toBeNull();
  });

  it("still answers queries, which change nothing", async () => {
    const caller = createCaller(contextFor(emulator.baseURL, { headers: { "sec-fetch-site": "cross-site" } }));
    await expect(caller.attempts.count()).resolves.toBeTypeOf("number");
  });
});

describe("create rate limit", () => {
  it("refuses the create past the limit with a 429 and when to come back, creating nothing upstream", async () => {
    const tag = nonce();
    const caller = createCaller(contextFor(emulator.baseURL, { createsPerMinute: 2, viewer: { kind: "signed-in", id: `rl-${tag}` } }));
    const create = () => caller.threads.create({ idempotencyKey: randomUUID(), request: { metadata: { run: tag } } });
    await create();
    await create();
    const error = await rejection(create());
    expect(error.cause).toBeInstanceOf(RateLimitedError);
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(retryAfterSecondsOf(error)).toBeGreaterThan(0);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(2);
  });

  it("counts each person separately", async () => {
    const context = contextFor(emulator.baseURL, { createsPerMinute: 1 });
    const as = (id: string) => createCaller({ ...context, viewer: { kind: "signed-in", id } });
    const tag = nonce();
    await as(`a-${tag}`).threads.create({ idempotencyKey: randomUUID(), request: {} });
    await as(`b-${tag}`).threads.create({ idempotencyKey: randomUUID(), request: {} });
    expect((await rejection(as(`a-${tag}`).threads.create({ idempotencyKey: randomUUID(), request: {} }))).code).toBe(
      "TOO_MANY_REQUESTS",
    );
  });
});

describe("input no schema should see", () => {
  it("refuses a __proto__ metadata key with BAD_REQUEST and stores nothing", async () => {
    const idempotencyKey = randomUUID();
    const caller = createCaller(contextFor(emulator.baseURL));
    const request = JSON.parse('{"metadata":{"__proto__":"polluted"}}') as { metadata: Record<string, string> };
    const error = await rejection(caller.threads.create({ idempotencyKey, request }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/__proto__/);
    expect(await testDb().createAttempt.findUnique({ where: { idempotencyKey } })).toBeNull();
  });
});
