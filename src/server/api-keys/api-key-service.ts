import "server-only";
import type pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { Database } from "~/server/prisma";
import { apiKeySummarySelect, type ApiKeySummary } from "./api-key-selects";
import { hashApiKeySecret, newApiKeySecret, shownPrefix } from "./api-key-secret";

/** The new key's record, and the key itself: returned this once, never stored. */
export type CreatedApiKey = { key: ApiKeySummary; secret: string };

export async function createApiKey(db: Database, input: { name: string; createdBy: string | null }): Promise<CreatedApiKey> {
  const secret = newApiKeySecret();
  try {
    const key = await db.apiKey.create({
      data: { name: input.name, prefix: shownPrefix(secret), secretHash: hashApiKeySecret(secret), createdBy: input.createdBy },
      select: apiKeySummarySelect,
    });
    return { key, secret };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // Names stay taken after a revoke: threads already recorded under it must keep meaning one service.
      throw new ConflictError(`There is already a key named '${input.name}' (revoked keys keep their names).`);
    }
    throw error;
  }
}

/** Every key, live ones first, newest first. */
export async function listApiKeys(db: Database): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({
    select: apiKeySummarySelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** Revoking is immediate (every request looks its key up) and final; revoking twice is a no-op. */
export async function revokeApiKey(db: Database, input: { name: string; revokedBy: string | null }): Promise<ApiKeySummary> {
  const existing = await db.apiKey.findUnique({ where: { name: input.name }, select: apiKeySummarySelect });
  if (!existing) throw new NotFoundError(`No key named '${input.name}'.`);
  if (existing.revokedAt) return existing;
  return db.apiKey.update({
    where: { id: existing.id },
    data: { revokedAt: new Date(), revokedBy: input.revokedBy },
    select: apiKeySummarySelect,
  });
}

/** Whose key this is, or null for a key Spool never issued or has revoked. */
export type ApiKeyHolder = { id: string; name: string };

const LAST_USED_GRANULARITY_MS = 60_000;

// Plain SQL on purpose, on apiKeyPool (api-key-pool.ts): this runs on every /v1 request.
/** The key a secret opens, by its hash (`$1`: hashApiKeySecret); gateway-auth.ts draws on its allowance in the same statement. */
export const KEY_BY_HASH_SQL = "SELECT id, name, revoked_at, last_used_at FROM api_keys WHERE secret_hash = $1";
const KEY_BY_HASH = { name: "spool-api-key-by-hash", text: KEY_BY_HASH_SQL };
const MARK_USED = { name: "spool-api-key-used", text: "UPDATE api_keys SET last_used_at = $2 WHERE id = $1" };

/** A row of KEY_BY_HASH_SQL. */
export type KeyRow = { id: string; name: string; revoked_at: Date | null; last_used_at: Date | null };

export async function authenticateApiKey(pool: pg.Pool, secret: string): Promise<ApiKeyHolder | null> {
  const { rows } = await pool.query<KeyRow>({ ...KEY_BY_HASH, values: [hashApiKeySecret(secret)] });
  return holderOf(pool, rows[0]);
}

/** Whose key a looked-up row is, or null for none or a revoked one; its last-used time kept, once a minute. */
export async function holderOf(pool: pg.Pool, key: KeyRow | undefined): Promise<ApiKeyHolder | null> {
  if (!key || key.revoked_at) return null;
  const now = Date.now();
  if (!key.last_used_at || now - key.last_used_at.getTime() >= LAST_USED_GRANULARITY_MS) {
    // Only a display value: a lost update must never refuse the request.
    await pool.query({ ...MARK_USED, values: [key.id, new Date(now)] }).catch(() => {});
  }
  return { id: key.id, name: key.name };
}
