import "server-only";
import type { Prisma } from "~/generated/prisma/client";

/** What the Settings page and `npm run keys -- list` show: never the hash. */
export const apiKeySummarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  revokedBy: true,
} satisfies Prisma.ApiKeySelect;

export type ApiKeySummary = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySummarySelect }>;
