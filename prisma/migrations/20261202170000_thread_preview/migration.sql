-- AlterTable
-- The list's preview (src/server/threads/message-preview.ts), stored with the messages it is
-- taken from, which never change once recorded: the list no longer looks up every row's
-- first message.
ALTER TABLE "threads" ADD COLUMN "preview" TEXT;

-- Backfill (written by hand): older threads get what message-preview.ts computes for new ones.
-- It rewrites every thread with messages, and each of its indexes: about four minutes for
-- a million threads on a 2-core machine, once, when Spool starts on this version.
UPDATE "threads" t
SET "preview" = CASE jsonb_typeof(m."content")
                  WHEN 'string' THEN left(m."content" #>> '{}', 160)
                  ELSE left((SELECT part->>'text' FROM jsonb_array_elements(m."content") part
                             WHERE part->>'type' = 'text' LIMIT 1), 160)
                END
FROM "thread_messages" m
WHERE m."thread_id" = t."id" AND m."position" = 0;
