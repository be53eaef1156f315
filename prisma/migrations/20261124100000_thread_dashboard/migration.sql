-- CreateEnum
CREATE TYPE "thread_origin" AS ENUM ('CREATED', 'IMPORTED');

-- CreateEnum
CREATE TYPE "thread_event_kind" AS ENUM ('CREATED', 'IMPORTED', 'METADATA_CHANGED', 'DELETED', 'REFRESHED');

-- DropIndex
DROP INDEX "threads_recorded_at_id_idx";

-- AlterTable
ALTER TABLE "threads" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "origin" "thread_origin" NOT NULL DEFAULT 'CREATED',
ADD COLUMN     "search_vector" tsvector,
ALTER COLUMN "request" DROP NOT NULL;

-- CreateTable
CREATE TABLE "thread_events" (
    "id" BIGSERIAL NOT NULL,
    "thread_id" TEXT NOT NULL,
    "kind" "thread_event_kind" NOT NULL,
    "actor" TEXT,
    "detail" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thread_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "threads_created_at_id_idx" ON "threads"("created_at", "id");

-- CreateIndex
CREATE INDEX "threads_created_by_created_at_id_idx" ON "threads"("created_by", "created_at", "id");

-- CreateIndex
CREATE INDEX "threads_deleted_at_idx" ON "threads"("deleted_at");

-- CreateIndex
CREATE INDEX "threads_metadata_idx" ON "threads" USING GIN ("metadata" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "threads_search_vector_idx" ON "threads" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "thread_events_thread_id_at_idx" ON "thread_events"("thread_id", "at");

-- AddForeignKey
ALTER TABLE "thread_events" ADD CONSTRAINT "thread_events_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (written by hand; Prisma Migrate does not generate data changes):
-- threads recorded before this migration get their search text and a "created" event.
UPDATE "threads" t SET "search_vector" = to_tsvector('english', coalesce((
    SELECT string_agg(
        CASE jsonb_typeof(m."content")
            WHEN 'string' THEN m."content" #>> '{}'
            ELSE (SELECT string_agg(part->>'text', ' ') FROM jsonb_array_elements(m."content") part WHERE part->>'type' = 'text')
        END, ' ' ORDER BY m."position")
    FROM "thread_messages" m WHERE m."thread_id" = t."id"), ''));

INSERT INTO "thread_events" ("thread_id", "kind", "actor", "at")
SELECT t."id", 'CREATED', t."created_by", t."recorded_at" FROM "threads" t;
