-- CreateEnum
CREATE TYPE "attempt_status" AS ENUM ('PENDING', 'CREATED', 'FAILED', 'UNKNOWN');

-- CreateTable
CREATE TABLE "create_attempts" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "attempt_status" NOT NULL DEFAULT 'PENDING',
    "request" JSONB NOT NULL,
    "thread_id" TEXT,
    "error_status" INTEGER,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "create_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "threads" (
    "id" TEXT NOT NULL,
    "object" TEXT NOT NULL DEFAULT 'thread',
    "created_at" INTEGER NOT NULL,
    "metadata" JSONB NOT NULL,
    "tool_resources" JSONB,
    "request" JSONB NOT NULL,
    "response" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "thread_messages" (
    "id" UUID NOT NULL,
    "thread_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "attachments" JSONB,
    "metadata" JSONB,

    CONSTRAINT "thread_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "create_attempts_idempotency_key_key" ON "create_attempts"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "create_attempts_thread_id_key" ON "create_attempts"("thread_id");

-- CreateIndex
CREATE INDEX "create_attempts_status_created_at_idx" ON "create_attempts"("status", "created_at");

-- CreateIndex
CREATE INDEX "threads_recorded_at_id_idx" ON "threads"("recorded_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "thread_messages_thread_id_position_key" ON "thread_messages"("thread_id", "position");

-- AddForeignKey
ALTER TABLE "create_attempts" ADD CONSTRAINT "create_attempts_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_messages" ADD CONSTRAINT "thread_messages_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
