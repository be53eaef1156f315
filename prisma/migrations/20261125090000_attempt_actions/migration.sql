-- AlterTable
ALTER TABLE "create_attempts" ADD COLUMN     "auto_retries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dismissed_at" TIMESTAMPTZ(3),
ADD COLUMN     "dismissed_by" TEXT,
ADD COLUMN     "owner" INTEGER,
ADD COLUMN     "retry_of_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "create_attempts_retry_of_id_key" ON "create_attempts"("retry_of_id");

-- AddForeignKey
ALTER TABLE "create_attempts" ADD CONSTRAINT "create_attempts_retry_of_id_fkey" FOREIGN KEY ("retry_of_id") REFERENCES "create_attempts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
