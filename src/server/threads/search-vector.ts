import "server-only";
import { Prisma } from "~/generated/prisma/client";

/**
 * The text search index covers message text: string content, and the `text` parts of
 * content arrays, in order. Computed once, with the messages (they never change), from
 * `messages` (a relation with `position` and `content`), by the same expression the
 * migration used to backfill older threads.
 */
export function messageSearchVector(messages: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_tsvector('english', coalesce((
    SELECT string_agg(
        CASE jsonb_typeof(m.content)
            WHEN 'string' THEN m.content #>> '{}'
            ELSE (SELECT string_agg(part->>'text', ' ') FROM jsonb_array_elements(m.content) part WHERE part->>'type' = 'text')
        END, ' ' ORDER BY m.position)
    FROM ${messages} m), ''))`;
}
