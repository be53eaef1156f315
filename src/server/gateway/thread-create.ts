import "server-only";
import { threadCreateRequestSchema } from "~/lib/thread-request/schema";
import { createThread } from "~/server/threads/thread-service";
import type { GatewayContext } from "./gateway-context";
import { errorResponse, GatewayRefusal } from "./gateway-errors";
import { RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { parseOrRefuse } from "./input-refusal";
import { readJsonBody } from "./request-body";
import { bodyHash, callerIdempotencyKey, findEarlierCreate, isSdkRetry, rememberCreate } from "./retry-match";
import { passBack, serviceErrorResponse } from "./service-error-response";
import { capturingUpstream } from "./upstream-capture";

const IDEMPOTENCY_KEY_MAX = 255;

/**
 * `POST /v1/threads`: the dashboard's create, attempt and all (`createThread`), with the
 * key's name as creator. Checked with the shared schema before anything is recorded or sent.
 */
export async function createThreadThroughGateway(ctx: GatewayContext, request: Request): Promise<Response> {
  const { bytes, json } = await readJsonBody(request, RECORDED_BODY_MAX_BYTES);
  const threadRequest = parseOrRefuse(threadCreateRequestSchema, json);
  const callerKey = request.headers.get("idempotency-key");
  if (callerKey !== null && (callerKey.trim() === "" || callerKey.length > IDEMPOTENCY_KEY_MAX)) {
    throw new GatewayRefusal(400, { message: `The Idempotency-Key header must be 1 to ${IDEMPOTENCY_KEY_MAX} characters.`, param: "Idempotency-Key" });
  }
  await ctx.createLimit.consume(`api-key:${ctx.holder.id}`);

  let idempotencyKey: string;
  if (callerKey !== null) {
    idempotencyKey = callerIdempotencyKey(ctx.holder.id, callerKey);
  } else {
    const hash = bodyHash(bytes);
    const earlier = isSdkRetry(request.headers)
      ? await findEarlierCreate(ctx.db, { apiKeyId: ctx.holder.id, hash, timeoutMs: ctx.target.timeoutMs })
      : null;
    const reuse = earlier ? await earlierAttemptAnswer(ctx, earlier) : null;
    if (reuse instanceof Response) return reuse;
    idempotencyKey = reuse ?? (await rememberCreate(ctx.db, { apiKeyId: ctx.holder.id, hash }));
  }

  const upstream = capturingUpstream(ctx.target, request.headers);
  try {
    const thread = await createThread(
      { db: ctx.db, upstream: upstream.upstream },
      { idempotencyKey, request: threadRequest, createdBy: ctx.holder.name },
    );
    const answer = upstream.lastAnswer();
    // No upstream answer: a repeat of a create already recorded, answered from the record.
    return answer ? passBack(answer, ctx.target.apiKey) : storedThreadAnswer(thread.response);
  } catch (error) {
    return serviceErrorResponse(error, upstream.lastAnswer(), ctx.target.apiKey);
  }
}

/**
 * What an SDK retry of an earlier create gets. Its thread, when created; a 409 naming the
 * attempt while the outcome is open (sending it again could make a second thread); the
 * earlier idempotency key when its attempt is not written yet (the two then share one
 * attempt); null after a FAILED attempt, which certainly made nothing, so a new one may go.
 */
async function earlierAttemptAnswer(ctx: GatewayContext, idempotencyKey: string): Promise<Response | string | null> {
  const attempt = await ctx.db.createAttempt.findUnique({
    where: { idempotencyKey },
    select: { id: true, status: true, thread: { select: { response: true } } },
  });
  if (!attempt) return idempotencyKey;
  if (attempt.status === "CREATED" && attempt.thread) return storedThreadAnswer(attempt.thread.response);
  if (attempt.status === "FAILED") return null;
  const state = attempt.status === "PENDING" ? "is still in progress" : "has an unknown outcome (the upstream may have created the thread before its answer was lost)";
  return errorResponse(409, {
    message:
      `This is a retry of create attempt ${attempt.id}, which ${state}. Spool does not send it again, so no second thread is made; ` +
      "see the attempt on Spool's Attempts page.",
    code: attempt.status === "PENDING" ? "create_in_progress" : "create_outcome_unknown",
  });
}

function storedThreadAnswer(response: unknown): Response {
  return new Response(JSON.stringify(response), { status: 200, headers: { "content-type": "application/json" } });
}
