import "server-only";
import { readMigrations } from "~/server/db/migrate";
import type { Database } from "~/server/prisma";

/** What a load balancer's probe waits for at most; a hung database is "not ready", not a hung probe. */
export const READY_CHECK_TIMEOUT_MS = 2_000;

/** Which check failed; for the server log only, never for the probe's answer. */
export type Readiness = { ready: true } | { ready: false; failed: "database" | "migrations" | "lease" };

/**
 * Ready to take traffic: the database answers, every migration this build ships is applied
 * (a rolling deploy may have started it against an older schema), and this instance holds
 * its lease (so its attempts are not judged dead by the others).
 */
export async function checkReadiness(deps: {
  db: Database;
  migrationsDir: string;
  leaseHeld: () => boolean;
  timeoutMs?: number;
}): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const rows = await withTimeout(
      deps.db.$queryRaw<Array<{ name: string }>>`
        SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      deps.timeoutMs ?? READY_CHECK_TIMEOUT_MS,
    );
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    // No migrations table yet means nothing is applied; anything else is the database being away.
    if (/_prisma_migrations.*does not exist|42P01/.test(String((error as Error).message) + String((error as { code?: unknown }).code))) {
      return { ready: false, failed: "migrations" };
    }
    return { ready: false, failed: "database" };
  }
  const shipped = await readMigrations(deps.migrationsDir);
  if (shipped.some((migration) => !applied.has(migration.name))) return { ready: false, failed: "migrations" };
  if (!deps.leaseHeld()) return { ready: false, failed: "lease" };
  return { ready: true };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("readiness check timed out")), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
