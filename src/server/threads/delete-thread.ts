import "server-only";
import type { ServiceDeps } from "~/server/context";
import { UpstreamError } from "~/server/errors";
import { findStoredThread } from "./stored-thread";
import { recordThreadEvent } from "./thread-history";
import { upstreamAction } from "./upstream-action";

/**
 * `DELETE /threads/{id}` upstream, then the record is marked deleted, never removed:
 * Spool is the team's record of what existed. Deleting twice is a no-op.
 */
export async function deleteThread(
  deps: ServiceDeps,
  input: { id: string; actor?: string | null },
): Promise<{ id: string; deletedAt: Date }> {
  const { db } = deps;
  const stored = await findStoredThread(db, input.id);
  if (stored.deletedAt) return { id: stored.id, deletedAt: stored.deletedAt };

  const answer = await upstreamAction("delete", input.id, () => deps.upstream.deleteThread(input.id));
  if (!answer.deleted) {
    const message = `The upstream did not delete thread '${input.id}'; Spool's record is unchanged.`;
    throw new UpstreamError({ outcome: "FAILED", status: 200, message }, null);
  }

  return db.$transaction(async (tx) => {
    const { deletedAt } = await tx.thread.update({
      where: { id: input.id },
      data: { deletedAt: new Date() },
      select: { deletedAt: true },
    });
    await recordThreadEvent(tx, { threadId: input.id, kind: "DELETED", actor: input.actor ?? null });
    return { id: input.id, deletedAt: deletedAt! };
  });
}
