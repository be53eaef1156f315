import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { ThreadModifyRequest } from "~/lib/thread-request/schema";
import { findStoredThread, refuseIfDeleted } from "./stored-thread";
import type { ServiceDeps } from "~/server/context";
import { recordThreadEvent } from "./thread-history";
import { threadDetailSelect, type ThreadDetail } from "./thread-selects";
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
  refuseUnstorableUpstreamThread(updated, input.id, "update");

  return db.$transaction(async (tx) => {
    await tx.thread.update({
      where: { id: input.id },
      data: {
        metadata: (updated.metadata ?? {}) as Prisma.InputJsonValue,
        toolResources: (updated.tool_resources as Prisma.InputJsonValue | null) ?? Prisma.DbNull,
        response: updated as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await recordThreadEvent(tx, {
      threadId: input.id,
      kind: "METADATA_CHANGED",
      actor: input.actor ?? null,
      detail: { before: stored.metadata, after: (updated.metadata ?? {}) as Prisma.InputJsonValue } as Prisma.InputJsonValue,
    });
    return tx.thread.findUniqueOrThrow({ where: { id: input.id }, select: threadDetailSelect });
  });
}
