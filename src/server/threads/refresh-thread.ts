import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { answerColumns } from "./recorded-answer";
import { findStoredThread } from "./stored-thread";
import { describeChanges, type ThreadChange } from "./thread-changes";
import type { ServiceDeps } from "~/server/context";
import { recordThreadEvent } from "./thread-history";
import { refuseUnstorableUpstreamThread } from "./unstorable-upstream-thread";
import { upstreamAction, UpstreamThreadMissingError } from "./upstream-action";

export type RefreshResult =
  | { outcome: "unchanged"; changes: [] }
  | { outcome: "changed"; changes: ThreadChange[] }
  /** The upstream answered 404: deleted there (or never there). The record is kept as is. */
  | { outcome: "missing"; changes: [] };

/**
 * `GET /threads/{id}`: brings the record up to the upstream's state and says what
 * differed. Every refresh is a line in the thread's Activity.
 */
export async function refreshThread(
  deps: ServiceDeps,
  input: { id: string; actor?: string | null },
): Promise<RefreshResult> {
  const { db } = deps;
  const stored = await findStoredThread(db, input.id);
  const actor = input.actor ?? null;

  const upstream = await upstreamAction("refresh", input.id, () => deps.upstream.retrieveThread(input.id)).catch((error: unknown) => {
    if (error instanceof UpstreamThreadMissingError) return null;
    throw error;
  });
  if (!upstream) {
    await db.$transaction((tx) => recordThreadEvent(tx, { threadId: input.id, kind: "REFRESHED", actor, detail: { missing: true } }));
    return { outcome: "missing", changes: [] };
  }
  refuseUnstorableUpstreamThread(upstream.body, input.id, "refresh");

  const changes = describeChanges(
    { ...stored, createdAt: Number(stored.createdAt) },
    { createdAt: upstream.createdAt, metadata: upstream.metadata, toolResources: upstream.toolResources },
  );
  await db.$transaction(async (tx) => {
    await tx.thread.update({
      where: { id: input.id },
      data: answerColumns(upstream),
      select: { id: true },
    });
    await recordThreadEvent(tx, { threadId: input.id, kind: "REFRESHED", actor, detail: { changes } as Prisma.InputJsonValue });
  });
  return changes.length ? { outcome: "changed", changes } : { outcome: "unchanged", changes: [] };
}
