import "server-only";
import { hash } from "node:crypto";
import type { ApiKeyHolder } from "~/server/api-keys/api-key-service";
import type { Database } from "~/server/prisma";
import type { UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import type { UpstreamTarget } from "./upstream-forward";

/** A `/v1` caller whose Spool key checked out, and the allowance its calls draw from. */
export type GatewayCaller = ApiKeyHolder & { allowance: string };

/** What one gateway request works with: the database, the upstream, and whose key it carries. */
export type GatewayContext = {
  db: Database;
  target: UpstreamTarget & { timeoutMs: number };
  /** `SPOOL_GATEWAY_RATE_LIMIT`, drawn per Spool key by every request that goes upstream. */
  callLimit: UpstreamCallLimit;
  holder: GatewayCaller;
};

/**
 * The allowance a Spool key's calls draw from, named from the key as the caller sent it, so
 * the pass-through can draw from it while the key is still being looked up (gateway-auth.ts).
 * A hash of its own (not the stored `secret_hash`): the allowance table never holds what
 * `api_keys` holds, and no key, nor a part of it, is ever written there. 256 random bits:
 * no other key, sent or guessed, can land on the same allowance.
 */
export function allowanceOf(secret: string): string {
  return `api-key:${hash("sha256", `spool-gateway-allowance:${secret}`, "base64url")}`;
}

/** Whose allowance a gateway 429 is about. */
export const ALLOWANCE_RULE = "per Spool key (every /v1 request that goes upstream)";

/**
 * Takes one upstream call from the key's allowance, or throws the 429: every `/v1` request
 * that goes upstream, recorded or passed through, so a key cannot flood the upstream with
 * reads any more than with creates. Called once per request, before it goes upstream.
 */
export function countUpstreamCall(limit: UpstreamCallLimit, caller: Pick<GatewayCaller, "allowance">): Promise<void> {
  return limit.consume(caller.allowance, ALLOWANCE_RULE);
}
