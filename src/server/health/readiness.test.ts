import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "~/app/api/health/route";
import { GET as ready } from "~/app/api/ready/route";
import { startLease, stopLease } from "~/server/attempts/instance-lease";
import { createScratchDatabase } from "~/server/db/databases";
import { applyMigrations, defaultMigrationsDir } from "~/server/db/migrate";
import { createPrismaClient, prisma, type Database } from "~/server/prisma";
import { freePort } from "~/test/free-port";
import { checkReadiness } from "./readiness";

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL!, "spool_ready");
  db = createPrismaClient(scratch.url);
});
afterAll(async () => {
  stopLease();
  await db.$disconnect();
  await scratch.drop();
});

const held = () => true;
// Generous here: a busy test machine must not pass for an unreachable database.
const timeoutMs = 15_000;

describe("checkReadiness", () => {
  it("is not ready until every shipped migration is applied, then needs the lease", async () => {
    expect(await checkReadiness({ db, migrationsDir: defaultMigrationsDir, leaseHeld: held, timeoutMs })).toEqual({ ready: false, failed: "migrations" });
    await applyMigrations(scratch.url);
    expect(await checkReadiness({ db, migrationsDir: defaultMigrationsDir, leaseHeld: () => false, timeoutMs })).toEqual({ ready: false, failed: "lease" });
    expect(await checkReadiness({ db, migrationsDir: defaultMigrationsDir, leaseHeld: held, timeoutMs })).toEqual({ ready: true });
  });

  it("is not ready when a migration is recorded unfinished", async () => {
    await applyMigrations(scratch.url);
    await db.$executeRaw`UPDATE "_prisma_migrations" SET "finished_at" = NULL WHERE "migration_name" = (SELECT max("migration_name") FROM "_prisma_migrations")`;
    expect(await checkReadiness({ db, migrationsDir: defaultMigrationsDir, leaseHeld: held, timeoutMs })).toEqual({ ready: false, failed: "migrations" });
    await db.$executeRaw`UPDATE "_prisma_migrations" SET "finished_at" = now() WHERE "finished_at" IS NULL`;
  });

  it("is not ready, within its timeout, when the database cannot be reached", async () => {
    const url = new URL(scratch.url);
    url.port = String(await freePort());
    const away = createPrismaClient(url.toString());
    const started = Date.now();
    expect(await checkReadiness({ db: away, migrationsDir: defaultMigrationsDir, leaseHeld: held })).toEqual({ ready: false, failed: "database" });
    expect(Date.now() - started).toBeLessThan(5_000);
    await away.$disconnect();
  });
});

describe("GET /api/health and /api/ready", () => {
  it("answer one word and a status, nothing else, and are never cached", async () => {
    // The route reads the server's environment, as in production; no upstream is called.
    Object.assign(process.env, { OPENAI_API_KEY: "sk-test-ready", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    const up = health();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok" });
    expect(up.headers.get("cache-control")).toBe("no-store");

    // This process holds no lease yet: the run's database is migrated, but it is not ready.
    const notYet = await ready();
    expect(notYet.status).toBe(503);
    expect(await notYet.text()).toBe('{"status":"unavailable"}');

    await startLease(prisma(), { upstreamTimeoutMs: 5_000, log: () => {} });
    const now = await ready();
    expect(now.status).toBe(200);
    expect(await now.text()).toBe('{"status":"ready"}');

    stopLease();
    expect((await ready()).status).toBe(503);
  });
});
