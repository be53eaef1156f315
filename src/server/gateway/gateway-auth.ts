import "server-only";
import type pg from "pg";
import { authenticateApiKey } from "~/server/api-keys/api-key-service";
import { bearerSecret, hasIssuedShape } from "~/server/api-keys/api-key-secret";
import type { UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { errorResponse } from "./gateway-errors";
import { allowanceOf, countUpstreamCall, type GatewayCaller } from "./gateway-context";

/**
 * Whose Spool key a `/v1` request carries, or the 401 it gets: no key, or one Spool never
 * issued or has revoked. The same for the recorded route and the pass-through.
 *
 * With `drawFrom`, one call is also taken from the key's allowance (countUpstreamCall), at the
 * same time as the key is looked up: the allowance is named from the key as sent
 * (allowanceOf), so neither waits for the other, and a pass-through pays one database round
 * trip where it paid two. Nothing goes upstream before both have answered: a 401 wins over a
 * 429 (an unknown key is told so, whatever its count), and the count an unknown or revoked key
 * drew is dropped at once, so invented keys neither pile rows up nor touch a real key's count.
 */
export async function authenticateGatewayCaller(
  keys: pg.Pool,
  authorization: string | null | undefined,
  drawFrom?: UpstreamCallLimit,
): Promise<{ holder: GatewayCaller } | { refusal: Response }> {
  const secret = bearerSecret(authorization);
  if (!secret) {
    return {
      refusal: errorResponse(401, {
        message: "You didn't provide an API key. Spool's gateway needs a Spool key in `Authorization: Bearer <key>` (make one with `npm run keys -- create <name>`).",
      }),
    };
  }
  if (!hasIssuedShape(secret)) return { refusal: unknownKey() };
  const allowance = allowanceOf(secret);
  const [found, drawn] = await Promise.allSettled([authenticateApiKey(keys, secret), drawFrom && countUpstreamCall(drawFrom, { allowance })]);
  if (found.status === "rejected") throw found.reason;
  if (!found.value) {
    // Best effort: a row a failed delete leaves expires within the minute, and the limiter sweeps expired rows away.
    if (drawFrom) await drawFrom.forget(allowance).catch(() => {});
    return { refusal: unknownKey() };
  }
  if (drawn.status === "rejected") throw drawn.reason;
  return { holder: { ...found.value, allowance } };
}

function unknownKey(): Response {
  // The key is never echoed: not even a part of it.
  return errorResponse(401, { message: "Incorrect API key provided: this is not a Spool key, or it was revoked.", code: "invalid_api_key" });
}
