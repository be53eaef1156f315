import "server-only";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The text search index covers message text: string content, and the `text` parts of
 * content arrays, in order. Written once, with the messages (they never change), by
 * the same expression the migration used to backfill older threads.
 */
export async function writeSearchVector(tx: Prisma.TransactionClient, threadId: string) {
  await tx.$executeRaw`
    UPDATE threads t SET search_vector = to_tsvector('english', coalesce((
        SELECT string_agg(
            CASE jsonb_typeof(m.content)
                WHEN 'string' THEN m.content #>> '{}'
                ELSE (SELECT string_agg(part->>'text', ' ') FROM jsonb_array_elements(m.content) part WHERE part->>'type' = 'text')
            END, ' ' ORDER BY m.position)
        FROM thread_messages m WHERE m.thread_id = t.id), ''))
     WHERE t.id = ${threadId}`;
}
