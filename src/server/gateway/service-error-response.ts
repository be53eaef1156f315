import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { RateLimitedError } from "~/server/security/create-rate-limit";
import { isDatabaseUnavailable } from "~/server/server-fault";
import { UpstreamFailureError } from "~/server/threads/thread-service";
import { UpstreamActionError } from "~/server/threads/upstream-action-error";
import { errorResponse, GatewayRefusal } from "./gateway-errors";
import type { CapturedAnswer } from "./upstream-capture";
import { callerResponseHeaders } from "./upstream-forward";

/**
 * The one place the gateway turns what a service threw into an HTTP answer. Where the
 * upstream itself answered (a 4xx or 5xx), the caller gets that answer unchanged, as it
 * would without Spool in between; Spool speaks, in the contract's error shape, only for
 * what it decided itself or when no answer came.
 */
export function serviceErrorResponse(error: unknown, upstreamAnswer: CapturedAnswer | null, upstreamKey: string): Response {
  if (error instanceof GatewayRefusal) return error.toResponse();
  if ((error instanceof UpstreamFailureError || error instanceof UpstreamActionError) && upstreamAnswer && upstreamAnswer.status >= 400) {
    return passBack(upstreamAnswer, upstreamKey);
  }
  if (error instanceof RateLimitedError) {
    return errorResponse(429, { message: error.message, code: "rate_limit_exceeded" }, { "retry-after": String(error.retryAfterSeconds) });
  }
  if (error instanceof UpstreamFailureError) {
    const { failure, attemptId } = error;
    const status = failure.status ?? (failure.outcome === "UNKNOWN" ? 504 : 502);
    return errorResponse(status, {
      message: `${failure.message} Spool recorded this as create attempt ${attemptId} (${failure.outcome}).`,
      code: failure.outcome === "UNKNOWN" ? "create_outcome_unknown" : "create_failed",
    });
  }
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    return errorResponse(getHTTPStatusCodeFromError(error), { message: error.message, code: error.code.toLowerCase() });
  }
  if (isDatabaseUnavailable(error)) {
    return errorResponse(503, { message: "Spool's database is unreachable right now. Try again in a moment." });
  }
  console.error("[spool] gateway request failed:", error instanceof Error ? error.name : typeof error);
  return errorResponse(500, { message: "Something went wrong on Spool's server. Try again; if it keeps happening, check the server log." });
}

/** The upstream's own answer, with Spool's upstream key taken out should the upstream echo it. */
export function passBack(answer: CapturedAnswer, upstreamKey: string): Response {
  const body = upstreamKey ? answer.body.split(upstreamKey).join("[redacted]") : answer.body;
  const headers = callerResponseHeaders(answer.headers);
  if (body !== answer.body) headers.delete("content-length");
  return new Response(body, { status: answer.status, headers });
}
