-- Each running Spool process renews its lease here; attempts name the upstream timeout
-- their owner used, so any instance can tell when an owner is certainly gone.
CREATE TABLE "instance_leases" (
    "id" INTEGER NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "alive_since" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "upstream_timeout_ms" INTEGER NOT NULL,

    CONSTRAINT "instance_leases_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "create_attempts" ADD COLUMN "upstream_timeout_ms" INTEGER,
ADD COLUMN "swept_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "create_attempts_owner_status_idx" ON "create_attempts"("owner", "status");
