import "server-only";
import type { GatewayContext } from "./gateway-context";
import { errorResponse, GatewayRefusal } from "./gateway-errors";
import type { RememberedCreate } from "~/server/threads/thread-service";
import { bodyHash, callerIdempotencyKey, findEarlierCreate, isSdkRetry, newGatewayCreate, type GatewayCreateKind } from "./retry-match";

const IDEMPOTENCY_KEY_MAX = 255;

/** An earlier attempt that created its thread: what a repeat of it is answered from. */
export type CreatedAttempt = { id: string; threadId: string; response: unknown };

/** The caller's `Idempotency-Key`, checked before anything is counted, recorded or sent. */
export function callerKeyOf(request: Request): string | null {
  const callerKey = request.headers.get("idempotency-key");
  if (callerKey !== null && (callerKey.trim() === "" || callerKey.length > IDEMPOTENCY_KEY_MAX)) {
    throw new GatewayRefusal(400, { message: `The Idempotency-Key header must be 1 to ${IDEMPOTENCY_KEY_MAX} characters.`, param: "Idempotency-Key" });
  }
  return callerKey;
}

/**
 * Which create attempt a gateway create is (README, "When two creates count as one"): the
 * attempt's idempotency key (with, for a new un-keyed create, what its claim remembers for
 * the SDK's retries), or, for an SDK retry that must not go upstream again, its answer.
 * With an `Idempotency-Key` that key alone decides, and `createThread` replays.
 */
export async function attemptKeyFor(
  ctx: GatewayContext,
  input: { kind: GatewayCreateKind; callerKey: string | null; headers: Headers; bytes: Uint8Array; created: (attempt: CreatedAttempt) => Response },
): Promise<{ idempotencyKey: string; remember: RememberedCreate | null } | Response> {
  if (input.callerKey !== null) return { idempotencyKey: callerIdempotencyKey(input.kind, ctx.holder.id, input.callerKey), remember: null };
  const hash = bodyHash(input.kind, input.bytes);
  const earlier = isSdkRetry(input.headers) ? await findEarlierCreate(ctx.db, { apiKeyId: ctx.holder.id, hash, timeoutMs: ctx.target.timeoutMs }) : null;
  const reuse = earlier ? await earlierAttemptAnswer(ctx, earlier, input.created) : null;
  if (reuse instanceof Response) return reuse;
  return reuse !== null ? { idempotencyKey: reuse, remember: null } : newGatewayCreate({ apiKeyId: ctx.holder.id, hash });
}

/**
 * What an SDK retry of an earlier create gets. `created` for a created thread; a 409 naming
 * the attempt while the outcome is open (sending it again could make a second thread); the
 * earlier idempotency key if its attempt is not there (rows written before the claim wrote
 * both in one statement: the two then share one attempt); null after a FAILED attempt, which
 * certainly made nothing, so a new one may go.
 */
async function earlierAttemptAnswer(ctx: GatewayContext, idempotencyKey: string, created: (attempt: CreatedAttempt) => Response): Promise<Response | string | null> {
  const attempt = await ctx.db.createAttempt.findUnique({
    where: { idempotencyKey },
    select: { id: true, status: true, thread: { select: { id: true, response: true } } },
  });
  if (!attempt) return idempotencyKey;
  if (attempt.status === "CREATED" && attempt.thread) return created({ id: attempt.id, threadId: attempt.thread.id, response: attempt.thread.response });
  if (attempt.status === "FAILED") return null;
  const state = attempt.status === "PENDING" ? "is still in progress" : "has an unknown outcome (the upstream may have created the thread before its answer was lost)";
  return errorResponse(409, {
    message:
      `This is a retry of create attempt ${attempt.id}, which ${state}. Spool does not send it again, so no second thread is made; ` +
      "see the attempt on Spool's Attempts page.",
    code: attempt.status === "PENDING" ? "create_in_progress" : "create_outcome_unknown",
  });
}
