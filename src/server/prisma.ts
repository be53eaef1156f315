import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { serverEnv } from "~/server/env";

export function createPrismaClient(databaseUrl: string) {
  return clientOver(databasePool(databaseUrl), { disposeExternalPool: true });
}

export type Database = ReturnType<typeof createPrismaClient>;

/**
 * Connections kept open however long the pool sits idle. A new one costs about 23 ms here (a
 * backend started, SCRAM), and a new backend's first statements are slow (empty catalog caches,
 * nothing prepared): the list's first page took 31 ms on a new connection against about 1 ms on
 * a warm one. node-postgres closes every idle connection after 10 s, so a read after a pause
 * paid that.
 */
export const WARM_CONNECTIONS = 2;

function databasePool(databaseUrl: string): pg.Pool {
  // allowExitOnIdle: an idle connection never keeps a script's process alive.
  const pool = new pg.Pool({ connectionString: databaseUrl, min: WARM_CONNECTIONS, allowExitOnIdle: true });
  // A connection the server cuts (a restart, a failover, pg_terminate_backend) while the pool
  // has lent it out emits 'error' with nobody listening: an uncaught exception. The statement
  // in flight fails on its own and the pool drops the connection, so it only has to be heard.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

// Each client's pool, for the statements run on node-postgres directly (db/hot-statement.ts).
const poolsOfClients = new WeakMap<object, pg.Pool>();

function clientOver(pool: pg.Pool, options: { disposeExternalPool: boolean }) {
  const client = new PrismaClient({ adapter: new PrismaPg(pool, options) });
  poolsOfClients.set(client, pool);
  return client;
}

/** The node-postgres pool under a client made here. */
export function poolOf(db: Database): pg.Pool {
  const pool = poolsOfClients.get(db);
  if (!pool) throw new Error("This Prisma client was not made by src/server/prisma.ts: its pool is unknown.");
  return pool;
}

// The process's one pool lives on globalThis: development reloads re-run this module, and two
// copies of it run in one production process (Next.js's bundle, and Spool's HTTP server, which
// serves the API: scripts/next-server.ts). Each copy gets a client of its own over that pool,
// found by its own PrismaClient class: `Prisma.sql`, `Prisma.JsonNull` and Prisma's error
// classes belong to one copy, and a client from the other would not recognise them.
const globalForPrisma = globalThis as unknown as { spoolPrismaPool?: pg.Pool; spoolPrismaClients?: WeakMap<object, Database> };

export function prisma(): Database {
  const clients = (globalForPrisma.spoolPrismaClients ??= new WeakMap());
  let client = clients.get(PrismaClient);
  if (!client) {
    globalForPrisma.spoolPrismaPool ??= databasePool(serverEnv().DATABASE_URL);
    client = clientOver(globalForPrisma.spoolPrismaPool, { disposeExternalPool: false });
    clients.set(PrismaClient, client);
  }
  return client;
}
