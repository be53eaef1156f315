-- CreateTable
-- rate-limiter-flexible's RateLimiterPostgres table (its own layout), made here so no
-- Spool instance creates tables at run time (`tableCreated: true`); every instance counts
-- against the same rows.
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- AlterTable
-- created_at: unix seconds as normalised from whatever the upstream sent (seconds or
-- milliseconds); a 32-bit integer overflowed on millisecond servers and in 2038.
ALTER TABLE "threads" ALTER COLUMN "created_at" SET DATA TYPE BIGINT,
ADD COLUMN     "response_text" TEXT,
ADD COLUMN     "creation_seq" BIGINT;

-- Backfill (written by hand): existing threads take their place in the creation order by
-- when Spool recorded them, the closest to creation order that was kept.
CREATE SEQUENCE "threads_creation_seq_seq" OWNED BY "threads"."creation_seq";
UPDATE "threads" t SET "creation_seq" = o.n
  FROM (SELECT "id", row_number() OVER (ORDER BY "recorded_at", "created_at", "id") AS n FROM "threads") o
 WHERE t."id" = o."id";
SELECT setval('"threads_creation_seq_seq"', (SELECT coalesce(max("creation_seq"), 0) + 1 FROM "threads"), false);
ALTER TABLE "threads" ALTER COLUMN "creation_seq" SET DEFAULT nextval('"threads_creation_seq_seq"'),
ALTER COLUMN "creation_seq" SET NOT NULL;

-- DropIndex
DROP INDEX "threads_created_at_id_idx";

-- DropIndex
DROP INDEX "threads_created_by_created_at_id_idx";

-- CreateIndex
CREATE UNIQUE INDEX "threads_creation_seq_key" ON "threads"("creation_seq");

-- CreateIndex
CREATE INDEX "threads_created_at_creation_seq_idx" ON "threads"("created_at", "creation_seq");

-- CreateIndex
CREATE INDEX "threads_created_by_created_at_creation_seq_idx" ON "threads"("created_by", "created_at", "creation_seq");
