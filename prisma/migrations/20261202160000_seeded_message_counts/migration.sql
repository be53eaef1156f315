-- Threads written by the seed before it filled `message_count` and `last_activity_at`
-- (scripts/seed-threads.ts until this migration): the list now reads the stored count alone,
-- so they get what 20261202130000 gave every thread Spool had created by then. Spool's own
-- write paths always set both for a created thread, so elsewhere this changes no row.
UPDATE "threads" t
SET "message_count" = (SELECT count(*) FROM "thread_messages" m WHERE m."thread_id" = t."id"),
    "last_activity_at" = COALESCE(t."last_activity_at", to_timestamp(t."created_at"))
WHERE t."origin" = 'CREATED' AND t."message_count" IS NULL;
