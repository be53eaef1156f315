import "server-only";
import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { errorAnswerOf, spoolErrorIn } from "~/server/error-mapping";
import { InvalidInputError, UnreadableRequestError, UpstreamError } from "~/server/errors";
import { errorResponse, GatewayRefusal } from "./gateway-errors";
import type { CapturedAnswer } from "./upstream-capture";
import { callerResponseHeaders, withoutUpstreamKey } from "./upstream-forward";

/**
 * The one place the gateway turns an error into an answer. Where the upstream itself
 * answered (a 4xx or 5xx), the caller gets that answer unchanged, as it would without
 * Spool in between. Otherwise status and Retry-After come from error-mapping.ts, as on
 * every other edge, in the contract's error shape.
 */
export function serviceErrorResponse(error: unknown, upstreamAnswer: CapturedAnswer | null, upstreamKey: string): Response {
  if (error instanceof GatewayRefusal) return error.toResponse();
  const spool = spoolErrorIn(error);
  if (spool instanceof UpstreamError && upstreamAnswer && upstreamAnswer.status >= 400) return passBack(upstreamAnswer, upstreamKey);

  const answer = errorAnswerOf(error);
  const headers = answer.retryAfterSeconds === undefined ? undefined : { "retry-after": String(answer.retryAfterSeconds) };
  if (spool instanceof InvalidInputError) {
    const first = spool.issues[0];
    const param = first && first.path.length > 0 ? formatIssuePath(first.path) : null;
    const more = spool.issues.length - 1;
    return errorResponse(answer.status, {
      message: `${param ? `Invalid '${param}': ` : "Invalid request body: "}${first?.message ?? answer.message}${more > 0 ? ` (and ${more} more)` : ""}`,
      param,
      code: "invalid_value",
    });
  }
  if (spool instanceof UpstreamError && spool.attemptId) {
    return errorResponse(answer.status, {
      message: `${answer.message} Spool recorded this as create attempt ${spool.attemptId} (${spool.failure.outcome}).`,
      code: spool.failure.outcome === "UNKNOWN" ? "create_outcome_unknown" : "create_failed",
    }, headers);
  }
  if (spool instanceof UnreadableRequestError && spool.reason === "too-large") {
    // Refused before the body was read: the rest of it is still on its way, so this
    // connection cannot carry another request (RFC 9112 §9.6); the client opens a new one.
    return errorResponse(answer.status, { message: answer.message, code: answer.code.toLowerCase() }, { connection: "close" });
  }
  if (answer.status === 500) console.error("[spool] gateway request failed:", error instanceof Error ? error.name : typeof error);
  return errorResponse(answer.status, { message: answer.message, code: answer.code.toLowerCase() }, headers);
}

/** The upstream's own answer, with Spool's upstream key taken out should the upstream echo it. */
export function passBack(answer: CapturedAnswer, upstreamKey: string): Response {
  const body = withoutUpstreamKey(Buffer.from(answer.body), upstreamKey).toString();
  const headers = callerResponseHeaders(answer.headers);
  if (body !== answer.body) headers.delete("content-length");
  return new Response(body, { status: answer.status, headers });
}
