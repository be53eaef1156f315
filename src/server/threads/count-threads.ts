import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { ThreadFilters } from "~/lib/thread-filters";
import type { Database } from "~/server/prisma";
import { listConditions, whereAll } from "./list-threads";

/** Past this many matches the list says "10,000+": an exact count of a million rows costs a scan. */
export const THREAD_COUNT_CAP = 10_000;

/** How many threads the filters match, exact up to `cap`; `capped` when there are more. */
export type ThreadCount = { count: number; capped: boolean };

/**
 * Counts at most `cap + 1` matching rows (the LIMIT stops the scan there), so the list's total
 * costs the same at a million threads as at ten thousand.
 */
export function countThreadsQuery(filters: ThreadFilters, cap = THREAD_COUNT_CAP): Prisma.Sql {
  const { base, narrowing } = listConditions(filters);
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM threads t ${whereAll([...base, ...narrowing])} LIMIT ${cap + 1}) matches`;
}

export async function countThreads(db: Database, filters: ThreadFilters, cap = THREAD_COUNT_CAP): Promise<ThreadCount> {
  const [row] = await db.$queryRaw<Array<{ n: number }>>(countThreadsQuery(filters, cap));
  const n = row?.n ?? 0;
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
