import "server-only";
import type pg from "pg";
import { authenticateApiKey, holderOf, KEY_BY_HASH_SQL, type ApiKeyHolder, type KeyRow } from "~/server/api-keys/api-key-service";
import { bearerSecret, hashApiKeySecret, hasIssuedShape } from "~/server/api-keys/api-key-secret";
import { allowanceDrawSql, type UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { errorResponse } from "./gateway-errors";
import { ALLOWANCE_RULE, allowanceOf, type GatewayCaller } from "./gateway-context";

/** A Spool key as a request sent it, and the allowance its calls draw from (gateway-context.ts). */
export type GatewayCredential = { secret: string; allowance: string };

/**
 * Whose Spool key a `/v1` request carries, or the 401 it gets: no key, or one Spool never
 * issued or has revoked. The recorded route's check; the pass-through calls the two halves
 * itself (gatewayCredential, then admitGatewayCaller with its draw), so that a read can start
 * between them (read-ahead.ts).
 */
export async function authenticateGatewayCaller(keys: pg.Pool, authorization: string | null | undefined): Promise<{ holder: GatewayCaller } | { refusal: Response }> {
  const sent = gatewayCredential(authorization);
  return "refusal" in sent ? sent : admitGatewayCaller(keys, sent.credential);
}

/** The key a request carries, or the 401 for none or one not shaped as Spool issues them (no database needed for either). */
export function gatewayCredential(authorization: string | null | undefined): { credential: GatewayCredential } | { refusal: Response } {
  const secret = bearerSecret(authorization);
  if (!secret) {
    return {
      refusal: errorResponse(401, {
        message: "You didn't provide an API key. Spool's gateway needs a Spool key in `Authorization: Bearer <key>` (make one with `npm run keys -- create <name>`).",
      }),
    };
  }
  if (!hasIssuedShape(secret)) return { refusal: unknownKey() };
  return { credential: { secret, allowance: allowanceOf(secret) } };
}

/**
 * The database half: the key looked up. With `drawFrom`, one call is also taken from the key's
 * allowance (countUpstreamCall's count) in the same statement, so a pass-through pays one
 * round trip for both, and `callsLeft` is what the allowance has left this minute. The draw is
 * made only for a key that is issued and not revoked: an unknown key is told so whatever it
 * sends, and invented keys neither add rows nor touch a real key's count.
 */
export async function admitGatewayCaller(
  keys: pg.Pool,
  { secret, allowance }: GatewayCredential,
  drawFrom?: UpstreamCallLimit,
): Promise<{ holder: GatewayCaller; callsLeft?: number } | { refusal: Response }> {
  if (!drawFrom) {
    const holder = await authenticateApiKey(keys, secret);
    return holder ? { holder: { ...holder, allowance } } : { refusal: unknownKey() };
  }
  const admitted = await lookUpAndDraw(keys, secret, drawFrom, allowance);
  return admitted ? { holder: { ...admitted.holder, allowance }, callsLeft: admitted.callsLeft } : { refusal: unknownKey() };
}

type DrawnKeyRow = KeyRow & { points: number | null; expire: string | null };

/** The key's row and, for a live key only, one call drawn from its allowance. */
const KEY_AND_DRAW = {
  // Prepared once per connection: the text is the same for every key and every limit.
  name: "spool-api-key-draw",
  text: `WITH key AS (${KEY_BY_HASH_SQL}), drawn AS (${allowanceDrawSql(2, "FROM key WHERE key.revoked_at IS NULL")})
         SELECT key.*, drawn.points, drawn.expire FROM key LEFT JOIN drawn ON true`,
};

async function lookUpAndDraw(keys: pg.Pool, secret: string, limit: UpstreamCallLimit, allowance: string): Promise<{ holder: ApiKeyHolder; callsLeft: number } | null> {
  const { rows } = await keys.query<DrawnKeyRow>({ ...KEY_AND_DRAW, values: [hashApiKeySecret(secret), ...limit.drawValues(allowance)] });
  const row = rows[0];
  if (!row || row.revoked_at) return null;
  // A live key always draws; a statement that answered no count must not let the call through uncounted.
  if (row.points === null) throw new Error("The allowance draw answered no count.");
  const callsLeft = limit.settle({ points: row.points, expire: row.expire }, ALLOWANCE_RULE);
  const holder = await holderOf(keys, row);
  return holder && { holder, callsLeft };
}

function unknownKey(): Response {
  // The key is never echoed: not even a part of it.
  return errorResponse(401, { message: "Incorrect API key provided: this is not a Spool key, or it was revoked.", code: "invalid_api_key" });
}
