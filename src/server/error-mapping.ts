// The one place a Spool error becomes an answer: its code, HTTP status, the sentence a
// client may read and, where waiting helps, Retry-After. Pure and free of tRPC, so every
// HTTP edge (the tRPC route's errorFormatter and responseMeta, any other route) answers alike.
import { isDatabaseUnavailable } from "~/server/db/database-unavailable";
import {
  ConflictError,
  CrossSiteRequestError,
  DatabaseUnavailableError,
  InvalidInputError,
  NotFoundError,
  NotSignedInError,
  RateLimitedError,
  SpoolError,
  ThreadNotRecordedError,
  UnreadableRequestError,
  UnstorableUpstreamDataError,
  UpstreamError,
} from "~/server/errors";
import type { UpstreamFailure } from "~/server/upstream/upstream-failure";

/** Status names as HTTP (and tRPC) spell them. */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS;

export type ErrorAnswer = {
  code: ErrorCode;
  status: number;
  /** Safe to show: Spool's own sentence, never internals. */
  message: string;
  retryAfterSeconds?: number;
};

const UNEXPECTED_MESSAGE = "Something went wrong on Spool's server. Try again; if it keeps happening, check the server log.";

/** The Spool error `error` is or wraps (a framework error's cause), or null. */
export function spoolErrorIn(error: unknown): SpoolError | null {
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth++) {
    if (cause instanceof SpoolError) return cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The answer for a Spool error, or a database outage anywhere in the chain; null for an
 * error Spool does not know (a framework's own, or a bug), which the edge answers itself.
 */
export function knownErrorAnswer(error: unknown): ErrorAnswer | null {
  const known = spoolErrorIn(error);
  if (known) return answerFor(known);
  if (isDatabaseUnavailable(error)) return answerFor(new DatabaseUnavailableError({ cause: error }));
  return null;
}

/** The answer for any error: unknown ones are a 500 with a sentence that reveals nothing. */
export function errorAnswerOf(error: unknown): ErrorAnswer {
  return knownErrorAnswer(error) ?? answer("INTERNAL_SERVER_ERROR", UNEXPECTED_MESSAGE);
}

export function httpStatusOf(error: unknown): number {
  return errorAnswerOf(error).status;
}

export function retryAfterSecondsOf(error: unknown): number | undefined {
  return knownErrorAnswer(error)?.retryAfterSeconds;
}

function answer(code: ErrorCode, message: string, retryAfterSeconds?: number): ErrorAnswer {
  return { code, status: HTTP_STATUS[code], message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}

function answerFor(error: SpoolError): ErrorAnswer {
  if (error instanceof InvalidInputError) return answer("BAD_REQUEST", error.message);
  if (error instanceof UnreadableRequestError) {
    const code = error.reason === "too-large" ? "PAYLOAD_TOO_LARGE" : error.reason === "not-json" ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST";
    return answer(code, error.message);
  }
  if (error instanceof NotSignedInError) return answer("UNAUTHORIZED", error.message);
  if (error instanceof CrossSiteRequestError) return answer("FORBIDDEN", error.message);
  if (error instanceof NotFoundError) return answer("NOT_FOUND", error.message);
  if (error instanceof ConflictError) return answer("CONFLICT", error.message);
  if (error instanceof RateLimitedError) return answer("TOO_MANY_REQUESTS", error.message, error.retryAfterSeconds);
  if (error instanceof UpstreamError) return answer(upstreamCode(error.failure), error.message, upstreamRetryAfterSeconds(error.failure));
  if (error instanceof UnstorableUpstreamDataError) return answer("UNPROCESSABLE_CONTENT", error.message);
  if (error instanceof ThreadNotRecordedError) {
    // Past the retry window a database outage is still an outage (come back), not a bug.
    return answer(isDatabaseUnavailable(error.cause) ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR", error.message);
  }
  if (error instanceof DatabaseUnavailableError) return answer("SERVICE_UNAVAILABLE", error.message);
  return answer("INTERNAL_SERVER_ERROR", UNEXPECTED_MESSAGE);
}

/** Who is at fault and whether to come back: the upstream's refusal is passed on, its failure is a gateway's. */
function upstreamCode(failure: UpstreamFailure): ErrorCode {
  if (failure.status === 429) return "TOO_MANY_REQUESTS";
  if (failure.outcome === "UNKNOWN") return failure.status === null ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY";
  // Unreachable, or Spool's own key refused: nothing the caller can fix.
  if (failure.status === null || failure.status === 401 || failure.status === 403) return "BAD_GATEWAY";
  return "UNPROCESSABLE_CONTENT";
}

function upstreamRetryAfterSeconds(failure: UpstreamFailure): number | undefined {
  const ms = failure.safeRetryAfterMs;
  return ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));
}
