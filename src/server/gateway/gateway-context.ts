import "server-only";
import type { ApiKeyHolder } from "~/server/api-keys/api-key-service";
import type { Database } from "~/server/prisma";
import type { UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import type { UpstreamTarget } from "./upstream-forward";

/** What one gateway request works with: the database, the upstream, and whose key it carries. */
export type GatewayContext = {
  db: Database;
  target: UpstreamTarget & { timeoutMs: number };
  createLimit: UpstreamCallLimit;
  holder: ApiKeyHolder;
};
