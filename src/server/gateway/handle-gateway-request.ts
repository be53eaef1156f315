import "server-only";
import { apiKeyPool } from "~/server/api-keys/api-key-pool";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";
import { upstreamCallLimit } from "~/server/security/upstream-call-limit";
import { authenticateGatewayCaller } from "./gateway-auth";
import { countUpstreamCall, type GatewayContext } from "./gateway-context";
import { PASS_THROUGH_BODY_MAX_BYTES } from "./gateway-limits";
import { gatewayRouteFor } from "./gateway-route";
import { serviceErrorResponse } from "./service-error-response";
import { changeThreadThroughGateway } from "./thread-change";
import { createThreadThroughGateway } from "./thread-create";
import { addMessageThroughGateway } from "./thread-message";
import { createAndRunThroughGateway } from "./thread-run";
import { forwardRequest } from "./upstream-forward";

/**
 * Every `/v1/*` request the pass-through (pass-through.ts) did not take: authenticated by a
 * Spool key alone, then recorded (thread creates and changes) or passed through unchanged,
 * always with Spool's own upstream key. Spool's HTTP server calls it in production
 * (spool-request-listener.ts), the Next.js route `src/app/v1/[...path]` in development; with
 * nothing in front of it (a plain `next start`), it passes the rest through itself.
 */
export async function handleGatewayRequest(request: Request): Promise<Response> {
  const env = serverEnv();
  try {
    const db = prisma();
    const caller = await authenticateGatewayCaller(apiKeyPool(env.DATABASE_URL), request.headers.get("authorization"));
    if ("refusal" in caller) return caller.refusal;

    const ctx: GatewayContext = {
      db,
      target: { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, timeoutMs: env.OPENAI_TIMEOUT_MS },
      callLimit: upstreamCallLimit(env.DATABASE_URL, env.SPOOL_GATEWAY_RATE_LIMIT),
      holder: caller.holder,
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
        await countUpstreamCall(ctx.callLimit, ctx.holder);
        return await forwardRequest(ctx.target, request, { maxBodyBytes: PASS_THROUGH_BODY_MAX_BYTES });
    }
  } catch (error) {
    return serviceErrorResponse(error, null, env.OPENAI_API_KEY);
  }
}
