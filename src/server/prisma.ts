import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { serverEnv } from "~/server/env";

export function createPrismaClient(databaseUrl: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export type Database = ReturnType<typeof createPrismaClient>;

// One client per process; kept on globalThis so dev hot reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { spoolPrisma?: Database };

export function prisma(): Database {
  globalForPrisma.spoolPrisma ??= createPrismaClient(serverEnv().DATABASE_URL);
  return globalForPrisma.spoolPrisma;
}
