// Turns an SDK error into what Spool records and what the user reads.
import OpenAI from "openai";
import { scrubSecret } from "./secret-scrubber";
import { UnreadableThreadAnswerError } from "./upstream-thread";

/**
 * FAILED: the upstream certainly did not create anything.
 * UNKNOWN: the request may have been processed (5xx, timeout, connection lost mid-way).
 */
export type UpstreamOutcome = "FAILED" | "UNKNOWN";

export type UpstreamFailure = {
  outcome: UpstreamOutcome;
  /** HTTP status from the upstream, when it answered. */
  status: number | null;
  /** A sentence for the user; never contains the API key. */
  message: string;
  /**
   * Set only when the upstream certainly did not process the request and said (or it is
   * safe to assume) when to ask again: the one case Spool may repeat a create by itself.
   */
  safeRetryAfterMs?: number;
};

/** Spool's own pause before calling again after a refused connection (no server was there). */
export const REFUSED_RETRY_MS = 500;

// Errors raised before any byte reached the server: nothing can have been created.
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Longest upstream text kept in a message; an upstream can answer with megabytes. */
const MAX_UPSTREAM_TEXT = 2_000;

/** Every message leaves here scrubbed of the key (secret-scrubber.ts): nothing can skip it. */
export function describeUpstreamFailure(error: unknown, apiKey: string): UpstreamFailure {
  const failure = describe(error);
  return { ...failure, message: scrubSecret(failure.message, apiKey) };
}

function describe(error: unknown): UpstreamFailure {
  if (error instanceof UnreadableThreadAnswerError) return error.failure;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      outcome: "UNKNOWN",
      status: null,
      message: "The upstream did not answer in time; the thread may or may not have been created.",
    };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const code = causeCode(error);
    if (code && NEVER_SENT.has(code)) {
      return { outcome: "FAILED", status: null, message: `The upstream is unreachable (${code}).`, safeRetryAfterMs: REFUSED_RETRY_MS };
    }
    return {
      outcome: "UNKNOWN",
      status: null,
      message: "The connection to the upstream was lost; the thread may or may not have been created.",
    };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const said = upstreamMessage(error);
    if (error.status >= 500 || error.status === 408) {
      return {
        outcome: "UNKNOWN",
        status: error.status,
        message: `The upstream failed (${error.status}${said ? `: ${said}` : ""}); the thread may or may not have been created.`,
      };
    }
    if (error.status === 401 || error.status === 403) {
      return {
        outcome: "FAILED",
        status: error.status,
        message: `The upstream refused Spool's API key (${error.status}${said ? `: ${said}` : ""}).`,
      };
    }
    const retryAfterMs = error.status === 429 ? retryAfter(error.headers) : undefined;
    return {
      outcome: "FAILED",
      status: error.status,
      message: said ? `The upstream rejected the request: ${said}` : `The upstream rejected the request (${error.status}).`,
      ...(retryAfterMs === undefined ? {} : { safeRetryAfterMs: retryAfterMs }),
    };
  }
  return { outcome: "UNKNOWN", status: null, message: "The upstream call failed unexpectedly; the thread may or may not have been created." };
}

/**
 * A 429 is refused before any work; its Retry-After (or OpenAI's retry-after-ms) says when
 * to ask again. Without one Spool cannot tell a short pause from a spent quota.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function upstreamMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === "string" ? body.message.slice(0, MAX_UPSTREAM_TEXT) : "";
}

function causeCode(error: Error): string | undefined {
  let cause: unknown = error.cause;
  for (let depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
