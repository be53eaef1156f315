import "server-only";
import type { ApiKeyHolder } from "~/server/api-keys/api-key-service";
import type { Database } from "~/server/prisma";
import type { UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import type { UpstreamTarget } from "./upstream-forward";

/** What one gateway request works with: the database, the upstream, and whose key it carries. */
export type GatewayContext = {
  db: Database;
  target: UpstreamTarget & { timeoutMs: number };
  /** `SPOOL_GATEWAY_RATE_LIMIT`, drawn per Spool key by every request that goes upstream. */
  callLimit: UpstreamCallLimit;
  holder: ApiKeyHolder;
};

/**
 * Takes one upstream call from the key's allowance, or throws the 429: every `/v1` request
 * that goes upstream, recorded or passed through, so a key cannot flood the upstream with
 * reads any more than with creates. Called once per request, just before it goes upstream.
 */
export function countUpstreamCall(limit: UpstreamCallLimit, holder: ApiKeyHolder): Promise<void> {
  return limit.consume(`api-key:${holder.id}`, "per Spool key (every /v1 request that goes upstream)");
}
