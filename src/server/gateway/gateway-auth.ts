import "server-only";
import type pg from "pg";
import { authenticateApiKey, type ApiKeyHolder } from "~/server/api-keys/api-key-service";
import { bearerSecret } from "~/server/api-keys/api-key-secret";
import { errorResponse } from "./gateway-errors";

/**
 * Whose Spool key a `/v1` request carries, or the 401 it gets: no key, or one Spool never
 * issued or has revoked. The same for the recorded route and the pass-through.
 */
export async function authenticateGatewayCaller(keys: pg.Pool, authorization: string | null | undefined): Promise<{ holder: ApiKeyHolder } | { refusal: Response }> {
  const secret = bearerSecret(authorization);
  if (!secret) {
    return {
      refusal: errorResponse(401, {
        message: "You didn't provide an API key. Spool's gateway needs a Spool key in `Authorization: Bearer <key>` (make one with `npm run keys -- create <name>`).",
      }),
    };
  }
  const holder = await authenticateApiKey(keys, secret);
  // The key is never echoed: not even a part of it.
  if (!holder) return { refusal: errorResponse(401, { message: "Incorrect API key provided: this is not a Spool key, or it was revoked.", code: "invalid_api_key" }) };
  return { holder };
}
