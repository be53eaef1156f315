import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import type { ThreadServiceDeps } from "~/server/threads/thread-service";
import { describeUpstreamFailure } from "~/server/upstream/upstream-failure";
import { DATABASE_RETRY_WINDOW_MS } from "./durable-write";

/** At most this many repeats of one create, and only when the upstream certainly did nothing. */
export const MAX_AUTO_RETRIES = 2;
/** A longer Retry-After is reported to the user instead of waited out inside their request. */
export const MAX_AUTO_RETRY_WAIT_MS = 10_000;

/** The longest a live create can take: every try timing out, every pause, then a slow database. */
export function longestCreateMs(timeoutMs: number): number {
  return (MAX_AUTO_RETRIES + 1) * timeoutMs + MAX_AUTO_RETRIES * MAX_AUTO_RETRY_WAIT_MS + DATABASE_RETRY_WINDOW_MS;
}

type CreatedThread = Awaited<ReturnType<ThreadServiceDeps["upstream"]["beta"]["threads"]["create"]>>;

/**
 * Calls the upstream, repeating only where a repeat cannot make a second thread: a 429
 * with Retry-After, or a refused connection. Anything that may have been processed (5xx,
 * timeout, a connection lost mid-way) is thrown at once, to be recorded as UNKNOWN.
 */
export async function createUpstreamThread(
  deps: ThreadServiceDeps,
  attemptId: string,
  request: ThreadCreateRequest,
): Promise<CreatedThread> {
  for (let retries = 0; ; retries++) {
    try {
      return await deps.upstream.beta.threads.create(request);
    } catch (error) {
      const wait = describeUpstreamFailure(error, deps.apiKey).safeRetryAfterMs;
      if (wait === undefined || wait > MAX_AUTO_RETRY_WAIT_MS || retries >= MAX_AUTO_RETRIES) throw error;
      // Only a count for the attempts page: losing it to a database hiccup is harmless.
      await deps.db.createAttempt
        .update({ where: { id: attemptId }, data: { autoRetries: { increment: 1 } }, select: { id: true } })
        .catch(() => {});
      await sleep(wait);
    }
  }
}
