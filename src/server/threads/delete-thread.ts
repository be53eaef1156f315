import "server-only";
import { findStoredThread } from "./stored-thread";
import type { ThreadServiceDeps } from "./thread-service";
import { recordThreadEvent } from "./thread-history";
import { UpstreamActionError, upstreamActionError } from "./upstream-action-error";

/**
 * `DELETE /threads/{id}` upstream, then the record is marked deleted, never removed:
 * Spool is the team's record of what existed. Deleting twice is a no-op.
 */
export async function deleteThread(
  deps: ThreadServiceDeps,
  input: { id: string; actor?: string | null },
): Promise<{ id: string; deletedAt: Date }> {
  const { db } = deps;
  const stored = await findStoredThread(db, input.id);
  if (stored.deletedAt) return { id: stored.id, deletedAt: stored.deletedAt };

  let answer: Awaited<ReturnType<ThreadServiceDeps["upstream"]["beta"]["threads"]["delete"]>>;
  try {
    answer = await deps.upstream.beta.threads.delete(input.id);
  } catch (error) {
    throw upstreamActionError(error, deps.apiKey, "delete", input.id);
  }
  if (!answer.deleted) {
    throw new UpstreamActionError("UNPROCESSABLE_CONTENT", `The upstream did not delete thread '${input.id}'; Spool's record is unchanged.`, null);
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
