import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import { UpstreamError } from "~/server/errors";
import type { AssistantsUpstream, UpstreamThread } from "./assistants-client";

/** At most this many repeats of one create, and only when the upstream certainly did nothing. */
export const MAX_AUTO_RETRIES = 2;
/** A longer Retry-After is reported to the user instead of waited out inside their request. */
export const MAX_AUTO_RETRY_WAIT_MS = 10_000;

/**
 * Creates the thread upstream, repeating only where a repeat cannot make a second thread: a
 * 429 with Retry-After, or a refused connection. Anything that may have been processed (5xx,
 * timeout, a connection lost mid-way) is thrown at once, to be recorded as UNKNOWN.
 * `beforeRetry` runs before each repeat (Spool counts them on the attempt).
 */
export async function createThreadSafely(
  upstream: AssistantsUpstream,
  request: ThreadCreateRequest,
  beforeRetry: () => Promise<void>,
): Promise<UpstreamThread> {
  for (let retries = 0; ; retries++) {
    try {
      return await upstream.createThread(request);
    } catch (error) {
      const wait = error instanceof UpstreamError ? error.failure.safeRetryAfterMs : undefined;
      if (wait === undefined || wait > MAX_AUTO_RETRY_WAIT_MS || retries >= MAX_AUTO_RETRIES) throw error;
      await beforeRetry();
      await sleep(wait);
    }
  }
}
