import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { Database } from "~/server/prisma";
import { LEASE_TTL_MS } from "./instance-lease";
import { ORPHANED_MESSAGE } from "./orphaned-message";
import { LONGEST_CREATE } from "./live-window";

/** Own attempts younger than this are never swept: the claim has only just been made. */
const OWN_GRACE_MS = 30_000;

/**
 * How long attempt `a` can stay live after its owner was last seen: the lease's lifetime plus
 * the longest create at the upstream timeout stored on the attempt (for rows from before
 * timeouts were stored: the longest timeout any instance has announced).
 */
const liveWindowSeconds = Prisma.sql`(
  ${LEASE_TTL_MS} + ${LONGEST_CREATE.tries} * coalesce(a."upstream_timeout_ms", (SELECT max("upstream_timeout_ms") FROM "instance_leases"), 600000)
  + ${LONGEST_CREATE.fixedMs}) / 1000.0`;

/**
 * PENDING attempts of other instances whose owner's lease has gone unrenewed for longer than
 * the attempt can live: the owner is dead (or cut off for so long it has given up), nobody
 * will finish them, and the upstream may have created the thread, so they become UNKNOWN.
 * An instance that lost its database for seconds keeps its lease fresh enough never to be
 * judged here. An attempt whose owner has no lease row is judged from its own creation time.
 */
export async function sweepOrphanedAttempts(db: Database, me: number): Promise<number> {
  return db.$executeRaw`
    UPDATE "create_attempts" AS a
    SET "status" = 'UNKNOWN', "error_message" = ${ORPHANED_MESSAGE}, "swept_at" = now(), "updated_at" = now()
    WHERE a."status" = 'PENDING'
      AND a."owner" IS DISTINCT FROM ${me}
      AND greatest(a."created_at", (SELECT l."heartbeat_at" FROM "instance_leases" AS l WHERE l."id" = a."owner"))
          < now() - make_interval(secs => ${liveWindowSeconds})`;
}

/**
 * This instance's own PENDING attempts that it is no longer working on: their final write
 * failed (the database stayed away past the retry window). Only the owner knows that, from
 * its in-flight set; the upstream may have created the thread, so they become UNKNOWN.
 */
export async function sweepOwnAttempts(db: Database, me: number, inFlight: string[]): Promise<number> {
  return db.$executeRaw`
    UPDATE "create_attempts" AS a
    SET "status" = 'UNKNOWN', "error_message" = ${ORPHANED_MESSAGE}, "swept_at" = now(), "updated_at" = now()
    WHERE a."status" = 'PENDING'
      AND a."owner" = ${me}
      AND a."created_at" < now() - make_interval(secs => ${OWN_GRACE_MS / 1000})
      AND NOT (a."id" = ANY(${inFlight}::uuid[]))`;
}

/**
 * Of these swept attempts, those whose owner is alive again and may still finish them: its
 * lease is fresh and it came back less than the attempt's live window ago. Retry would risk
 * a second thread, so it is withheld (attempt-actions.ts) until that window has passed.
 */
export async function attemptsOwnerMayFinish(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT a."id"::text AS id
    FROM "create_attempts" AS a
    JOIN "instance_leases" AS l ON l."id" = a."owner"
    WHERE a."id" = ANY(${ids}::uuid[])
      AND a."swept_at" IS NOT NULL
      AND l."heartbeat_at" > now() - make_interval(secs => ${LEASE_TTL_MS / 1000})
      AND l."alive_since" > now() - make_interval(secs => ${liveWindowSeconds})`;
  return new Set(rows.map((row) => row.id));
}

/** Leases of processes gone for a week: nothing can refer to them usefully any more. */
export async function forgetOldLeases(db: Database): Promise<number> {
  return db.$executeRaw`DELETE FROM "instance_leases" WHERE "heartbeat_at" < now() - interval '7 days'`;
}
