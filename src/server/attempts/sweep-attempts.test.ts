import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "~/server/db/databases";
import { applyMigrations } from "~/server/db/migrate";
import { createPrismaClient, type Database } from "~/server/prisma";
import { PRESENCE_LOCK_CLASS } from "./instance-presence";
import { ORPHANED_MESSAGE } from "./orphaned-message";
import { sweepAbandonedAttempts, sweepOrphanedAttempts } from "./sweep-attempts";

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

async function pendingAttempt(owner: number | null) {
  return db.createAttempt.create({ data: { idempotencyKey: randomUUID(), request: {}, owner }, select: { id: true } });
}

async function statusOf(id: string) {
  return (await db.createAttempt.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

/** Another Spool process, for real: a node process holding its presence lock until killed. */
function startOtherProcess(id: number) {
  const script = `
    const pg = require("pg");
    const client = new pg.Client({ connectionString: process.env.URL });
    client.connect().then(() => client.query("SELECT pg_advisory_lock($1, $2)", [${PRESENCE_LOCK_CLASS}, ${id}])).then(() => console.log("ready"));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, URL: scratch.url }, stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve()));
  return { child, ready };
}

describe("sweepOrphanedAttempts", () => {
  it("ends a SIGKILLed process's pending attempts at once, and leaves live processes' attempts alone", async () => {
    const other = startOtherProcess(2002);
    await other.ready;
    const mine = await pendingAttempt(ME);
    const others = await pendingAttempt(2002);
    const unowned = await pendingAttempt(null);

    await sweepOrphanedAttempts(db, ME);
    expect(await statusOf(mine.id)).toBe("PENDING");
    expect(await statusOf(others.id)).toBe("PENDING");
    expect(await statusOf(unowned.id)).toBe("UNKNOWN");

    other.child.kill("SIGKILL");
    await new Promise((resolve) => other.child.once("exit", resolve));
    // Postgres notices the closed socket within moments; no timeout has to pass.
    for (let waited = 0; waited < 5_000 && (await statusOf(others.id)) === "PENDING"; waited += 50) {
      await sweepOrphanedAttempts(db, ME);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await statusOf(others.id)).toBe("UNKNOWN");
    expect(await statusOf(mine.id)).toBe("PENDING");
    const swept = await db.createAttempt.findUniqueOrThrow({ where: { id: others.id }, select: { errorMessage: true } });
    expect(swept.errorMessage).toMatch(/may or may not have been created/);
  });

  it("never touches attempts that already ended", async () => {
    const done = await db.createAttempt.create({
      data: { idempotencyKey: randomUUID(), request: {}, owner: 3003, status: "FAILED" },
      select: { id: true },
    });
    await sweepOrphanedAttempts(db, ME);
    expect(await statusOf(done.id)).toBe("FAILED");
  });
});

describe("sweepAbandonedAttempts", () => {
  it("ends attempts pending longer than any create can take, whoever owns them, and leaves younger ones", async () => {
    const stale = await db.createAttempt.create({
      data: { idempotencyKey: randomUUID(), request: {}, owner: ME, createdAt: new Date(Date.now() - 10 * 60_000) },
      select: { id: true },
    });
    const young = await pendingAttempt(ME);

    expect(await sweepAbandonedAttempts(db, 5 * 60_000)).toBe(1);
    expect(await db.createAttempt.findUniqueOrThrow({ where: { id: stale.id }, select: { status: true, errorMessage: true } })).toEqual({
      status: "UNKNOWN",
      errorMessage: ORPHANED_MESSAGE,
    });
    expect(await statusOf(young.id)).toBe("PENDING");
  });
});
