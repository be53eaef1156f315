import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { Database } from "~/server/prisma";
import type { UpstreamFailure } from "~/server/upstream/upstream-failure";

/**
 * What an owner's final write may replace: its attempt still PENDING, or ended UNKNOWN by
 * another instance's sweep (the owner knows better than a guess). Never another final state.
 */
const replaceableByOwner = {
  OR: [{ status: "PENDING" }, { status: "UNKNOWN", sweptAt: { not: null } }],
} satisfies Prisma.CreateAttemptWhereInput;

/** The same rule in SQL, for the statement that records a created thread (record-created-thread.ts). */
export const replaceableByOwnerSql = Prisma.sql`("status" = 'PENDING' OR ("status" = 'UNKNOWN' AND "swept_at" IS NOT NULL))`;

type Writer = Pick<Database, "createAttempt">;

/** The upstream refused or failed: FAILED or UNKNOWN, with what it said. */
export async function markAttemptFailed(db: Writer, id: string, failure: UpstreamFailure): Promise<boolean> {
  const { count } = await db.createAttempt.updateMany({
    where: { id, ...replaceableByOwner },
    data: { status: failure.outcome, errorStatus: failure.status, errorMessage: failure.message },
  });
  return count === 1;
}
