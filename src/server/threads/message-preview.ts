import "server-only";
import { Prisma } from "~/generated/prisma/client";
import { PREVIEW_CHARS } from "~/lib/thread-preview";
import { sqlInteger } from "~/server/db/hot-statement";


/**
 * The list's preview of a thread: the start of the text of the first message it was created
 * with (string content, or the first `text` part of a content array); null when it was
 * created without messages or that message has no text. Messages added later are the
 * upstream's, in another shape, and never change it. Stored in `threads.preview` with the
 * creation messages, which never change once recorded, so the list reads one column instead
 * of looking a message up for every row (a sub-query that was a third of the first page's SQL
 * time at 1,000,000 threads). The same expression as the migration that filled older threads
 * (20261202170000_thread_preview).
 */
export function messagePreview(messages: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT CASE jsonb_typeof(m.content)
                              WHEN 'string' THEN left(m.content #>> '{}', ${sqlInteger(PREVIEW_CHARS)})
                              ELSE left((SELECT part->>'text' FROM jsonb_array_elements(m.content) part
                                         WHERE part->>'type' = 'text' LIMIT 1), ${sqlInteger(PREVIEW_CHARS)})
                            END
                       FROM ${messages} m WHERE m."position" = 0)`;
}
