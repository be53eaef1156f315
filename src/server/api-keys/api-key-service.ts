import "server-only";
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

export async function authenticateApiKey(db: Database, secret: string): Promise<ApiKeyHolder | null> {
  const key = await db.apiKey.findUnique({
    where: { secretHash: hashApiKeySecret(secret) },
    select: { id: true, name: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // Only a display value: a lost update must never refuse the request.
    await db.apiKey
      .update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) }, select: { id: true } })
      .catch(() => {});
  }
  return { id: key.id, name: key.name };
}
