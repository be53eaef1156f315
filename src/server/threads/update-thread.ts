import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { answerColumns } from "./recorded-answer";
import type { ThreadModifyRequest } from "~/lib/thread-request/schema";
import { findStoredThread, refuseIfDeleted } from "./stored-thread";
import type { ServiceDeps } from "~/server/context";
import { recordThreadEvent } from "./thread-history";
import { threadDetailSelect, threadView, type ThreadDetail } from "./thread-selects";
import { refuseUnstorableUpstreamThread } from "./unstorable-upstream-thread";
import { upstreamAction } from "./upstream-action";

/**
 * `POST /threads/{id}` upstream first; Spool's record changes only once the upstream
 * has answered with the modified thread, and stores what it answered.
 */
export async function updateThread(
  deps: ServiceDeps,
  input: { id: string; request: ThreadModifyRequest; actor?: string | null },
): Promise<ThreadDetail> {
  const { db } = deps;
  const stored = await findStoredThread(db, input.id);
  refuseIfDeleted(stored, "be changed");

  const updated = await upstreamAction("update", input.id, () => deps.upstream.updateThread(input.id, input.request));
  refuseUnstorableUpstreamThread(updated.body, input.id, "update");

  return db.$transaction(async (tx) => {
    await tx.thread.update({
      where: { id: input.id },
      // The upstream's created_at is its own; an update does not move a thread in the list.
      data: { ...answerColumns(updated), createdAt: undefined },
      select: { id: true },
    });
    await recordThreadEvent(tx, {
      threadId: input.id,
      kind: "METADATA_CHANGED",
      actor: input.actor ?? null,
      detail: { before: stored.metadata, after: updated.metadata } as Prisma.InputJsonValue,
    });
    return threadView(await tx.thread.findUniqueOrThrow({ where: { id: input.id }, select: threadDetailSelect }));
  });
}
