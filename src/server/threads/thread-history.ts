import "server-only";
import type { Prisma, ThreadEventKind } from "~/generated/prisma/client";

/** One line of a thread's Activity, written in the same transaction as the change it records. */
export async function recordThreadEvent(
  tx: Prisma.TransactionClient,
  event: { threadId: string; kind: ThreadEventKind; actor: string | null; detail?: Prisma.InputJsonValue },
) {
  await tx.threadEvent.create({
    data: { threadId: event.threadId, kind: event.kind, actor: event.actor, detail: event.detail },
    select: { id: true },
  });
}
