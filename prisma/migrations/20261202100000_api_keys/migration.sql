-- Spool API keys for the /v1 gateway, and the gateway's memory of un-keyed creates
-- (so an SDK's automatic retry of a create does not make a second thread).
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" TEXT,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_keys_name_key" ON "api_keys"("name");
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys"("secret_hash");

CREATE TABLE "gateway_creates" (
    "id" BIGSERIAL NOT NULL,
    "api_key_id" UUID NOT NULL,
    "body_hash" BYTEA NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "gateway_creates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "gateway_creates_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "gateway_creates_idempotency_key_key" ON "gateway_creates"("idempotency_key");
CREATE INDEX "gateway_creates_api_key_id_body_hash_created_at_idx" ON "gateway_creates"("api_key_id", "body_hash", "created_at");
