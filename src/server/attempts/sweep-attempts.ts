import "server-only";
import type { Database } from "~/server/prisma";
import { PRESENCE_LOCK_CLASS } from "./instance-presence";
import { ORPHANED_MESSAGE } from "./orphaned-message";


/**
 * PENDING attempts whose process is gone (its presence lock is no longer held, see
 * instance-presence.ts) will never be finished: the upstream may have created the
 * thread, so they become UNKNOWN at once. `me`'s own attempts are left to finish.
 */
export async function sweepOrphanedAttempts(db: Database, me: number): Promise<number> {
  return db.$executeRaw`
    UPDATE "create_attempts" AS a
    SET "status" = 'UNKNOWN', "error_message" = ${ORPHANED_MESSAGE}, "updated_at" = now()
    WHERE a."status" = 'PENDING'
      AND a."owner" IS DISTINCT FROM ${me}
      AND NOT EXISTS (
        SELECT 1 FROM pg_locks AS l
        WHERE l.locktype = 'advisory'
          AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid::bigint = ${PRESENCE_LOCK_CLASS}
          AND l.objid::bigint = a."owner"
          AND l.objsubid = 2
      )`;
}

/**
 * The backstop: attempts still PENDING long after the longest a create can take belong to a
 * write that failed in a process still running; the upstream may have created the thread.
 */
export async function sweepAbandonedAttempts(db: Database, olderThanMs: number): Promise<number> {
  const { count } = await db.createAttempt.updateMany({
    where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - olderThanMs) } },
    data: { status: "UNKNOWN", errorMessage: ORPHANED_MESSAGE },
  });
  return count;
}
