import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "~/server/db/databases";
import { applyMigrations } from "~/server/db/migrate";
import { createPrismaClient, type Database } from "~/server/prisma";
import { recordCreatedThread } from "~/server/threads/record-created-thread";
import { parseUpstreamThread } from "~/server/upstream/upstream-thread";
import { markAttemptFailed } from "./attempt-outcome";
import { LEASE_TTL_MS, renewLease } from "./instance-lease";
import { ORPHANED_MESSAGE } from "./orphaned-message";
import { longestCreateMs } from "./live-window";
import { attemptsOwnerMayFinish, sweepOrphanedAttempts, sweepOwnAttempts } from "./sweep-attempts";

// A database of its own: a sweep here must not touch other test files' attempts in flight.
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL!, "spool_sweep");
  await applyMigrations(scratch.url);
  db = createPrismaClient(scratch.url);
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

const ME = 1001;

/** Records a thread the upstream created for `attemptId`, as the create path does. */
async function recordFor(attemptId: string) {
  const id = `thread_${randomUUID()}`;
  const created = parseUpstreamThread(JSON.stringify({ id, object: "thread", created_at: 1, metadata: {}, tool_resources: null }), 200);
  await recordCreatedThread(db, { attemptId, request: {}, created, createdBy: null });
  return created.id;
}
const TIMEOUT_MS = 2_000;
/** How long after its owner's last heartbeat an attempt made with TIMEOUT_MS may still be live. */
const LIVE_WINDOW_MS = LEASE_TTL_MS + longestCreateMs(TIMEOUT_MS);

async function pendingAttempt(owner: number | null, options: { timeoutMs?: number | null; ageMs?: number } = {}) {
  return db.createAttempt.create({
    data: {
      idempotencyKey: randomUUID(),
      request: {},
      owner,
      upstreamTimeoutMs: options.timeoutMs === undefined ? TIMEOUT_MS : options.timeoutMs,
      createdAt: new Date(Date.now() - (options.ageMs ?? LIVE_WINDOW_MS + 120_000)),
    },
    select: { id: true },
  });
}

/** An instance whose last heartbeat was `silentMs` ago, by the database's clock. */
async function instanceLastSeen(silentMs: number, timeoutMs = TIMEOUT_MS) {
  const id = randomInt(10_000, 2 ** 31 - 1);
  await renewLease(db, id, timeoutMs);
  await db.$executeRaw`UPDATE "instance_leases" SET "heartbeat_at" = now() - make_interval(secs => ${silentMs / 1000}),
    "alive_since" = now() - make_interval(secs => ${(silentMs + 60_000) / 1000}) WHERE "id" = ${id}`;
  return id;
}

async function stateOf(id: string) {
  return db.createAttempt.findUniqueOrThrow({ where: { id }, select: { status: true, errorMessage: true, sweptAt: true, threadId: true } });
}

describe("sweepOrphanedAttempts", () => {
  it("leaves an old attempt alone while its owner renews its lease", async () => {
    const owner = await instanceLastSeen(0);
    const attempt = await pendingAttempt(owner, { ageMs: 3_600_000 });
    await sweepOrphanedAttempts(db, ME);
    expect((await stateOf(attempt.id)).status).toBe("PENDING");
  });

  it("waits out the lease and the attempt's own longest create before judging the owner dead", async () => {
    const justInside = await pendingAttempt(await instanceLastSeen(LIVE_WINDOW_MS - 3_000));
    const justOutside = await pendingAttempt(await instanceLastSeen(LIVE_WINDOW_MS + 3_000));
    await sweepOrphanedAttempts(db, ME);
    expect((await stateOf(justInside.id)).status).toBe("PENDING");
    const swept = await stateOf(justOutside.id);
    expect(swept).toMatchObject({ status: "UNKNOWN", errorMessage: ORPHANED_MESSAGE });
    expect(swept.sweptAt).toBeInstanceOf(Date);
  });

  it("uses the timeout stored on each attempt, not the sweeping instance's", async () => {
    const owner = await instanceLastSeen(LEASE_TTL_MS + longestCreateMs(TIMEOUT_MS) + 3_000);
    const short = await pendingAttempt(owner, { timeoutMs: TIMEOUT_MS });
    const long = await pendingAttempt(owner, { timeoutMs: 60_000 });
    await sweepOrphanedAttempts(db, ME);
    expect((await stateOf(short.id)).status).toBe("UNKNOWN");
    expect((await stateOf(long.id)).status).toBe("PENDING");
  });

  it("judges an attempt whose owner never held a lease by its own age", async () => {
    const young = await pendingAttempt(null, { ageMs: LIVE_WINDOW_MS - 5_000 });
    const old = await pendingAttempt(null, { ageMs: LIVE_WINDOW_MS + 5_000 });
    await sweepOrphanedAttempts(db, ME);
    expect((await stateOf(young.id)).status).toBe("PENDING");
    expect((await stateOf(old.id)).status).toBe("UNKNOWN");
  });

  it("never touches its own attempts or attempts that already ended", async () => {
    const mine = await pendingAttempt(ME);
    const done = await db.createAttempt.create({
      data: { idempotencyKey: randomUUID(), request: {}, owner: 3003, status: "FAILED", createdAt: new Date(0) },
      select: { id: true },
    });
    await sweepOrphanedAttempts(db, ME);
    expect((await stateOf(mine.id)).status).toBe("PENDING");
    expect((await stateOf(done.id)).status).toBe("FAILED");
  });
});

describe("sweepOwnAttempts", () => {
  it("ends its own attempts it is no longer working on, never one in flight or just claimed", async () => {
    const me = randomInt(10_000, 2 ** 31 - 1);
    const abandoned = await pendingAttempt(me, { ageMs: 60_000 });
    const inFlight = await pendingAttempt(me, { ageMs: 60_000 });
    const justClaimed = await pendingAttempt(me, { ageMs: 0 });
    expect(await sweepOwnAttempts(db, me, [inFlight.id])).toBe(1);
    expect((await stateOf(abandoned.id)).status).toBe("UNKNOWN");
    expect((await stateOf(inFlight.id)).status).toBe("PENDING");
    expect((await stateOf(justClaimed.id)).status).toBe("PENDING");
  });
});

describe("fenced final writes", () => {
  const unknown = { outcome: "UNKNOWN" as const, status: 502, message: "The upstream failed (502)." };

  it("turns a swept attempt into CREATED, clearing the sweep's message and keeping its trace", async () => {
    const attempt = await pendingAttempt(await instanceLastSeen(LIVE_WINDOW_MS + 3_000));
    await sweepOrphanedAttempts(db, ME);
    const threadId = await recordFor(attempt.id);
    const after = await stateOf(attempt.id);
    expect(after).toMatchObject({ status: "CREATED", threadId, errorMessage: null });
    expect(after.sweptAt).toBeInstanceOf(Date);
  });

  it("lets the owner replace a sweep's guess with what the upstream said", async () => {
    const attempt = await pendingAttempt(await instanceLastSeen(LIVE_WINDOW_MS + 3_000));
    await sweepOrphanedAttempts(db, ME);
    expect(await markAttemptFailed(db, attempt.id, { outcome: "FAILED", status: 400, message: "Bad request." })).toBe(true);
    expect(await stateOf(attempt.id)).toMatchObject({ status: "FAILED", errorMessage: "Bad request." });
  });

  it("never overwrites a final state the owner did not set by sweeping", async () => {
    const failed = await db.createAttempt.create({
      data: { idempotencyKey: randomUUID(), request: {}, owner: ME, status: "FAILED", errorMessage: "first" },
      select: { id: true },
    });
    expect(await markAttemptFailed(db, failed.id, unknown)).toBe(false);
    // The thread is recorded all the same (it exists upstream); the attempt keeps its state.
    const threadId = await recordFor(failed.id);
    expect(await db.thread.count({ where: { id: threadId } })).toBe(1);
    expect(await stateOf(failed.id)).toMatchObject({ status: "FAILED", errorMessage: "first", threadId: null });
    const ownUnknown = await db.createAttempt.create({
      data: { idempotencyKey: randomUUID(), request: {}, owner: ME, status: "UNKNOWN", errorMessage: "owner said so" },
      select: { id: true },
    });
    expect(await markAttemptFailed(db, ownUnknown.id, { ...unknown, outcome: "FAILED" })).toBe(false);
    expect((await stateOf(ownUnknown.id)).status).toBe("UNKNOWN");
  });
});

describe("attemptsOwnerMayFinish", () => {
  it("names swept attempts whose owner is back for less than their live window", async () => {
    const owner = await instanceLastSeen(LIVE_WINDOW_MS + 3_000);
    const attempt = await pendingAttempt(owner);
    await sweepOrphanedAttempts(db, ME);
    expect(await attemptsOwnerMayFinish(db, [attempt.id])).toEqual(new Set());
    // The owner renews again (it was cut off or paused, not dead): alive_since restarts now.
    await renewLease(db, owner, TIMEOUT_MS);
    expect(await attemptsOwnerMayFinish(db, [attempt.id])).toEqual(new Set([attempt.id]));
    // Once it has been back longer than the attempt could take, it is certainly not finishing it.
    await db.$executeRaw`UPDATE "instance_leases" SET "alive_since" = now() - make_interval(secs => ${(LIVE_WINDOW_MS + 1_000) / 1000}) WHERE "id" = ${owner}`;
    expect(await attemptsOwnerMayFinish(db, [attempt.id])).toEqual(new Set());
  });
});
