import "server-only";
import { threadCreateRequestSchema } from "~/lib/thread-request/schema";
import { createThread } from "~/server/threads/thread-service";
import { attemptKeyFor, callerKeyOf } from "./create-attempt-key";
import { countUpstreamCall, type GatewayContext } from "./gateway-context";
import { RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { parseOrRefuse } from "./input-refusal";
import { readJsonBody } from "./request-body";
import { passBack, serviceErrorResponse } from "./service-error-response";
import { capturingUpstream } from "./upstream-capture";

/**
 * `POST /v1/threads`: the dashboard's create, attempt and all (`createThread`), with the
 * key's name as creator. Checked with the shared schema before anything is recorded or sent.
 */
export async function createThreadThroughGateway(ctx: GatewayContext, request: Request): Promise<Response> {
  const { bytes, json } = await readJsonBody(request, RECORDED_BODY_MAX_BYTES);
  const threadRequest = parseOrRefuse(threadCreateRequestSchema, json);
  const callerKey = callerKeyOf(request);
  await countUpstreamCall(ctx.callLimit, ctx.holder);
  const attempt = await attemptKeyFor(ctx, { kind: "thread", callerKey, headers: request.headers, bytes, created: (attempt) => storedThreadAnswer(attempt.response) });
  if (attempt instanceof Response) return attempt;
  const { idempotencyKey, remember } = attempt;

  const upstream = capturingUpstream(ctx.target, request.headers);
  try {
    const thread = await createThread(
      { db: ctx.db, upstream: upstream.upstream },
      { idempotencyKey, request: threadRequest, createdBy: ctx.holder.name, remember },
    );
    const answer = upstream.lastAnswer();
    // No upstream answer: a repeat of a create already recorded, answered from the record.
    return answer ? passBack(answer, ctx.target.apiKey) : storedThreadAnswer(thread.response);
  } catch (error) {
    return serviceErrorResponse(error, upstream.lastAnswer(), ctx.target.apiKey);
  }
}

function storedThreadAnswer(response: unknown): Response {
  return new Response(JSON.stringify(response), { status: 200, headers: { "content-type": "application/json" } });
}
