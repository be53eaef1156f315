import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { serverEnv } from "~/server/env";

export function createPrismaClient(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // A connection the server cuts (a restart, a failover, pg_terminate_backend) while the pool
  // has lent it out emits 'error' with nobody listening: an uncaught exception. The statement
  // in flight fails on its own and the pool drops the connection, so it only has to be heard.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export type Database = ReturnType<typeof createPrismaClient>;

// One client per process; kept on globalThis so dev hot reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { spoolPrisma?: Database };

export function prisma(): Database {
  globalForPrisma.spoolPrisma ??= createPrismaClient(serverEnv().DATABASE_URL);
  return globalForPrisma.spoolPrisma;
}
