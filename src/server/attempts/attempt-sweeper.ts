import "server-only";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";
import { MAX_AUTO_RETRIES, MAX_AUTO_RETRY_WAIT_MS } from "~/server/upstream/safe-retry";
import { DATABASE_RETRY_WINDOW_MS } from "./durable-write";
import { holdPresence, instanceId } from "./instance-presence";
import { sweepAbandonedAttempts, sweepOrphanedAttempts } from "./sweep-attempts";

const EVERY_MS = 15_000;

const log = (line: string) => console.log(`[spool] ${line}`);

/** The longest a live create can take: every try timing out, every pause, then a slow database. */
export function longestCreateMs(timeoutMs: number): number {
  return (MAX_AUTO_RETRIES + 1) * timeoutMs + MAX_AUTO_RETRIES * MAX_AUTO_RETRY_WAIT_MS + DATABASE_RETRY_WINDOW_MS;
}

/**
 * Ends every PENDING attempt nobody will finish, as UNKNOWN. Two rules:
 * - its process is gone (SIGKILL, a crash): seen at once through the presence lock, so
 *   a restart leaves nothing pending;
 * - it is older than the longest a live create can take: the backstop for a write that
 *   failed in a process that is still running.
 */
export function startAttemptSweeper() {
  const env = serverEnv();
  const olderThanMs = longestCreateMs(env.OPENAI_TIMEOUT_MS) + 30_000;
  const me = instanceId();
  const sweep = async () => {
    try {
      const orphaned = await sweepOrphanedAttempts(prisma(), me);
      const stale = await sweepAbandonedAttempts(prisma(), olderThanMs);
      if (orphaned + stale > 0) log(`${orphaned + stale} abandoned create attempt(s) marked "outcome unknown"`);
    } catch (error) {
      console.error("[spool] attempt sweep failed:", (error as Error).message);
    }
  };
  void holdPresence(env.DATABASE_URL, log).then(sweep);
  setInterval(() => void sweep(), EVERY_MS).unref();
}
