// Issue 9, failure 1: instance A has creates in flight, its database connections are cut for
// seconds, instance B sweeps meanwhile. Nothing of A's may be judged dead or offered for Retry.
import { randomInt, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createScratchDatabase } from "~/server/db/databases";
import { applyMigrations } from "~/server/db/migrate";
import { createPrismaClient, type Database } from "~/server/prisma";
import { createCaller } from "~/server/routers/_app";
import { contextFor, nonce, startTestEmulator } from "~/test/test-stack";
import { instanceId, leaseHeld, startLease, stopLease } from "./instance-lease";
import { sweepOrphanedAttempts, sweepOwnAttempts } from "./sweep-attempts";

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let emulator: RunningEmulator;
/** Instance A's connections, findable by their application_name. */
let dbA: Database;
/** Instance B's (and the test's) own connections, never cut. */
let dbB: Database;
const appNameA = `spool-test-a-${nonce()}`;
const B = randomInt(10_000, 2 ** 31 - 1);

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL!, "spool_failover");
  await applyMigrations(scratch.url);
  const urlA = new URL(scratch.url);
  urlA.searchParams.set("application_name", appNameA);
  dbA = createPrismaClient(urlA.toString());
  dbB = createPrismaClient(scratch.url);
  emulator = await startTestEmulator();
  await startLease(dbA, { upstreamTimeoutMs: 5_000, log: () => {} });
});
afterAll(async () => {
  stopLease();
  await emulator.close();
  await Promise.all([dbA.$disconnect(), dbB.$disconnect()]);
  await scratch.drop();
});

/** Cuts every connection instance A holds, as a failover or an idle-connection reaper does. */
async function cutConnectionsOfA(): Promise<number> {
  const rows = await dbB.$queryRaw<Array<{ cut: boolean }>>`
    SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = ${appNameA}`;
  return rows.length;
}

describe("an instance cut off from its database for seconds", () => {
  it("keeps its in-flight creates: none swept, none offered for Retry, all recorded CREATED", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "latency", ms: 4_000, match: tag, times: 8 });
    const callerA = createCaller({ ...contextFor(emulator.baseURL, { timeoutMs: 20_000 }), db: dbA });
    const callerB = createCaller({ ...contextFor(emulator.baseURL), db: dbB });
    const inputs = Array.from({ length: 8 }, (_, i) => ({
      idempotencyKey: randomUUID(),
      request: { messages: [{ role: "user" as const, content: `In flight ${i}` }], metadata: { run: tag } },
    }));
    const creates = Promise.allSettled(inputs.map((input) => callerA.threads.create(input)));
    const pendingOfA = () => dbB.createAttempt.count({ where: { owner: instanceId(), status: "PENDING", request: { path: ["metadata", "run"], equals: tag } } });
    for (let waited = 0; (await pendingOfA()) < 8 && waited < 5_000; waited += 50) await sleep(50);
    expect(await pendingOfA()).toBe(8);

    // Cut A's connections again and again for 3 s while B sweeps and reads the Attempts list.
    let cuts = 0;
    const offered = new Set<string>();
    for (let round = 0; round < 10; round++) {
      cuts += await cutConnectionsOfA();
      await sweepOrphanedAttempts(dbB, B);
      for (const item of (await callerB.attempts.list({ limit: 100 })).items) offered.add(`${item.id} ${item.status} ${item.errorMessage}`);
      await sleep(300);
    }
    expect(cuts).toBeGreaterThan(0);
    expect([...offered]).toEqual([]);

    const results = await creates;
    expect(results.map((result) => result.status)).toEqual(Array(8).fill("fulfilled"));
    const attempts = await dbB.createAttempt.findMany({
      where: { request: { path: ["metadata", "run"], equals: tag } },
      select: { status: true, errorMessage: true, sweptAt: true, threadId: true, upstreamTimeoutMs: true },
    });
    expect(attempts).toHaveLength(8);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: "CREATED", errorMessage: null, sweptAt: null, upstreamTimeoutMs: 20_000 });
    }
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(8);
  }, 90_000);

  it("renews its lease again once the database lets it back in", async () => {
    const before = await dbB.instanceLease.findUniqueOrThrow({ where: { id: instanceId() }, select: { heartbeatAt: true } });
    await cutConnectionsOfA();
    await sleep(2_500);
    const after = await dbB.instanceLease.findUniqueOrThrow({ where: { id: instanceId() }, select: { heartbeatAt: true } });
    expect(after.heartbeatAt.getTime()).toBeGreaterThan(before.heartbeatAt.getTime());
    expect(leaseHeld()).toBe(true);
  });
});

describe("an attempt swept while its owner was away", () => {
  it("is recorded CREATED when the owner finishes, and Retry is refused while the owner may still finish", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "latency", ms: 2_500, match: tag });
    const callerA = createCaller({ ...contextFor(emulator.baseURL), db: dbA });
    const input = { idempotencyKey: randomUUID(), request: { messages: [{ role: "user" as const, content: "Slow" }], metadata: { run: tag } } };
    const create = callerA.threads.create(input);
    let attemptId: string | undefined;
    for (let waited = 0; !attemptId && waited < 5_000; waited += 50) {
      attemptId = (await dbB.createAttempt.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } }))?.id;
      if (!attemptId) await sleep(50);
    }
    // As a sweep would after A's lease had expired, and A then came back (alive_since restarts).
    await dbB.$executeRaw`UPDATE "create_attempts" SET "status" = 'UNKNOWN', "error_message" = 'swept', "swept_at" = now() WHERE "id" = ${attemptId}::uuid`;
    await dbB.$executeRaw`UPDATE "instance_leases" SET "alive_since" = now() WHERE "id" = ${instanceId()}`;
    const callerB = createCaller({ ...contextFor(emulator.baseURL), db: dbB });
    const listed = (await callerB.attempts.list({ limit: 100 })).items.find((item) => item.id === attemptId);
    expect(listed?.ownerMayFinish).toBe(true);
    await expect(callerB.attempts.retry({ id: attemptId! })).rejects.toMatchObject({ code: "CONFLICT" });

    const thread = await create;
    const attempt = await dbB.createAttempt.findUniqueOrThrow({ where: { id: attemptId! }, select: { status: true, threadId: true, errorMessage: true, sweptAt: true } });
    expect(attempt).toMatchObject({ status: "CREATED", threadId: thread.id, errorMessage: null });
    expect(attempt.sweptAt).toBeInstanceOf(Date);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
  });

  it("is swept by its own instance once nobody works on it any more, never while in flight", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "latency", ms: 1_500, match: tag });
    const callerA = createCaller({ ...contextFor(emulator.baseURL), db: dbA });
    const input = { idempotencyKey: randomUUID(), request: { messages: [{ role: "user" as const, content: "Own" }], metadata: { run: tag } } };
    const create = callerA.threads.create(input);
    for (let waited = 0; waited < 5_000; waited += 50) {
      if (await dbB.createAttempt.findUnique({ where: { idempotencyKey: input.idempotencyKey } })) break;
      await sleep(50);
    }
    // Old enough for the own sweep, but in flight: untouched.
    await dbB.$executeRaw`UPDATE "create_attempts" SET "created_at" = now() - interval '5 minutes' WHERE "idempotency_key" = ${input.idempotencyKey}`;
    const { attemptsInFlight } = await import("./instance-lease");
    expect(await sweepOwnAttempts(dbB, instanceId(), attemptsInFlight())).toBe(0);
    await create;
    const attempt = await dbB.createAttempt.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { status: true } });
    expect(attempt.status).toBe("CREATED");
  });
});
