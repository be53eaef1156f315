-- The whole conversation (issue 12): adding messages from Spool, and what the list page
-- knows about each thread's messages without asking the upstream.

ALTER TYPE "thread_event_kind" ADD VALUE 'MESSAGE_ADDED';

ALTER TABLE "threads"
  ADD COLUMN "message_count" INTEGER,
  ADD COLUMN "last_activity_at" TIMESTAMPTZ(3);

-- What Spool already knew: the messages it sent at creation; imported threads stay unknown.
UPDATE "threads" t
SET "message_count" = (SELECT count(*) FROM "thread_messages" m WHERE m."thread_id" = t."id"),
    "last_activity_at" = to_timestamp(t."created_at")
WHERE t."origin" = 'CREATED';

CREATE TABLE "message_additions" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "status" "attempt_status" NOT NULL DEFAULT 'PENDING',
    "request" JSONB NOT NULL,
    "message_id" TEXT,
    "response" JSONB,
    "error_status" INTEGER,
    "error_message" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "message_additions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "message_additions_idempotency_key_key" ON "message_additions"("idempotency_key");
CREATE UNIQUE INDEX "message_additions_message_id_key" ON "message_additions"("message_id");
CREATE INDEX "message_additions_thread_id_created_at_idx" ON "message_additions"("thread_id", "created_at");

ALTER TABLE "message_additions" ADD CONSTRAINT "message_additions_thread_id_fkey"
  FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
