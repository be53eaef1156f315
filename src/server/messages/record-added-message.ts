import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { recordThreadEvent } from "~/server/threads/thread-history";
import { messageTimeSeconds } from "~/server/upstream/upstream-thread";

/** How the message reached Spool: the thread page, or the `/v1` gateway. */
export type AddedVia = "page" | "gateway";

export type AddedMessageFacts = { id: string; role: string; created_at: number };

/**
 * Writes what Spool knows once a message it sent is on the upstream: a line in the thread's
 * history (who added which message, from where) and the list page's count and last activity.
 * Call it inside the transaction that records the addition; the gateway calls it too.
 */
export async function recordAddedMessage(
  tx: Prisma.TransactionClient,
  input: { threadId: string; message: AddedMessageFacts; actor: string | null; via: AddedVia },
): Promise<void> {
  const { threadId, message, actor, via } = input;
  await recordThreadEvent(tx, {
    threadId,
    kind: "MESSAGE_ADDED",
    actor,
    detail: { messageId: message.id, role: message.role, via },
  });
  // An unknown count stays unknown: one more than "unknown" is still unknown. A time that
  // cannot be one (messageTimeSeconds) leaves the last activity as it was.
  const at = messageTimeSeconds(message.created_at);
  await tx.$executeRaw`
    UPDATE "threads"
    SET "message_count" = "message_count" + 1,
        "last_activity_at" = CASE WHEN ${at}::bigint IS NULL THEN "last_activity_at"
          ELSE GREATEST(COALESCE("last_activity_at", '-infinity'), to_timestamp(${at}::bigint)) END
    WHERE "id" = ${threadId}`;
}
