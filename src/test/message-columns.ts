import { Prisma } from "~/generated/prisma/client";
import { messagePreview } from "~/server/threads/message-preview";
import { messageSearchVector } from "~/server/threads/search-vector";

/**
 * Gives a thread stored directly, without Spool's record step, the columns that step takes from
 * its messages (search text, list preview), computed from its stored messages by the same
 * expressions.
 */
export async function writeMessageColumns(tx: Prisma.TransactionClient, threadId: string) {
  const messages = Prisma.sql`(SELECT "position", content FROM thread_messages WHERE thread_id = ${threadId})`;
  await tx.$executeRaw`UPDATE threads SET search_vector = ${messageSearchVector(messages)}, preview = ${messagePreview(messages)} WHERE id = ${threadId}`;
}
