import "server-only";
import type { ApiKeyHolder } from "~/server/api-keys/api-key-service";
import type { Database } from "~/server/prisma";
import type { CreateRateLimit } from "~/server/security/create-rate-limit";
import type { UpstreamTarget } from "./upstream-forward";

/** What one gateway request works with: the database, the upstream, and whose key it carries. */
export type GatewayContext = {
  db: Database;
  target: UpstreamTarget & { timeoutMs: number };
  createLimit: CreateRateLimit;
  holder: ApiKeyHolder;
};
