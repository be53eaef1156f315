import "server-only";
import { authenticateApiKey } from "~/server/api-keys/api-key-service";
import { bearerSecret } from "~/server/api-keys/api-key-secret";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";
import { upstreamCallLimit } from "~/server/security/upstream-call-limit";
import { countUpstreamCall, type GatewayContext } from "./gateway-context";
import { errorResponse } from "./gateway-errors";
import { gatewayRouteFor } from "./gateway-route";
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
      callLimit: upstreamCallLimit(env.DATABASE_URL, env.SPOOL_CREATE_RATE_LIMIT),
      holder,
    };
    const route = gatewayRouteFor(request.method, new URL(request.url).pathname);
    switch (route.handler) {
      case "create-thread":
        return await createThreadThroughGateway(ctx, request);
      case "create-and-run":
        return await createAndRunThroughGateway(ctx, request);
      case "change-thread":
        return await changeThreadThroughGateway(ctx, request, route.threadId);
      case "add-message":
        return await addMessageThroughGateway(ctx, request, route.threadId);
      case "pass-through":
        await countUpstreamCall(ctx);
        return await forwardRequest(ctx.target, request, { maxBodyBytes: PASS_THROUGH_BODY_MAX_BYTES });
    }
  } catch (error) {
    return serviceErrorResponse(error, null, env.OPENAI_API_KEY);
  }
}
