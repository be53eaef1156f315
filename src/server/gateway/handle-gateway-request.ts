import "server-only";
import { authenticateApiKey } from "~/server/api-keys/api-key-service";
import { bearerSecret } from "~/server/api-keys/api-key-secret";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";
import { upstreamCallLimit } from "~/server/security/upstream-call-limit";
import type { GatewayContext } from "./gateway-context";
import { errorResponse } from "./gateway-errors";
import { PASS_THROUGH_BODY_MAX_BYTES } from "./gateway-limits";
import { serviceErrorResponse } from "./service-error-response";
import { changeThreadThroughGateway } from "./thread-change";
import { createThreadThroughGateway } from "./thread-create";
import { addMessageThroughGateway } from "./thread-message";
import { createAndRunThroughGateway } from "./thread-run";
import { forwardRequest } from "./upstream-forward";

/**
 * Every `/v1/*` request: authenticated by a Spool key alone, then recorded (thread creates
 * and changes) or passed through unchanged (everything else), always with Spool's own
 * upstream key.
 */
export async function handleGatewayRequest(request: Request): Promise<Response> {
  const env = serverEnv();
  try {
    const secret = bearerSecret(request.headers);
    if (!secret) {
      return errorResponse(401, {
        message: "You didn't provide an API key. Spool's gateway needs a Spool key in `Authorization: Bearer <key>` (make one with `npm run keys -- create <name>`).",
      });
    }
    const db = prisma();
    const holder = await authenticateApiKey(db, secret);
    // The key is never echoed: not even a part of it.
    if (!holder) return errorResponse(401, { message: "Incorrect API key provided: this is not a Spool key, or it was revoked.", code: "invalid_api_key" });

    const ctx: GatewayContext = {
      db,
      target: { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, timeoutMs: env.OPENAI_TIMEOUT_MS },
      createLimit: upstreamCallLimit(env.DATABASE_URL, env.SPOOL_CREATE_RATE_LIMIT),
      holder,
    };
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && path === "/v1/threads") return await createThreadThroughGateway(ctx, request);
    if (request.method === "POST" && path === "/v1/threads/runs") return await createAndRunThroughGateway(ctx, request);
    const single = threadIdIn(/^\/v1\/threads\/([^/]+)$/, path);
    if (single && (request.method === "POST" || request.method === "DELETE")) return await changeThreadThroughGateway(ctx, request, single);
    const messages = threadIdIn(/^\/v1\/threads\/([^/]+)\/messages$/, path);
    if (messages && request.method === "POST") return await addMessageThroughGateway(ctx, request, messages);
    return await forwardRequest(ctx.target, request, { maxBodyBytes: PASS_THROUGH_BODY_MAX_BYTES });
  } catch (error) {
    return serviceErrorResponse(error, null, env.OPENAI_API_KEY);
  }
}

/** The thread id in `path`, or null (also for a malformed escape, which the upstream then answers). */
function threadIdIn(pattern: RegExp, path: string): string | null {
  const raw = pattern.exec(path)?.[1];
  if (raw === undefined) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
