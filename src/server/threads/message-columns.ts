import "server-only";
import { Prisma } from "~/generated/prisma/client";
import { messagePreview } from "./message-preview";
import { messageSearchVector } from "./search-vector";

/**
 * Computes a stored thread's columns taken from its messages (search text, list preview) again
 * from its stored messages: for threads stored without Spool's record step (tests, repairs).
 */
export async function writeMessageColumns(tx: Prisma.TransactionClient, threadId: string) {
  const messages = Prisma.sql`(SELECT "position", content FROM thread_messages WHERE thread_id = ${threadId})`;
  await tx.$executeRaw`UPDATE threads SET search_vector = ${messageSearchVector(messages)}, preview = ${messagePreview(messages)} WHERE id = ${threadId}`;
}
