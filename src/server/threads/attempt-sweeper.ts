import "server-only";
import { holdPresence, instanceId } from "~/server/attempts/instance-presence";
import { longestCreateMs } from "~/server/attempts/safe-retry";
import { sweepAbandonedAttempts, sweepOrphanedAttempts } from "~/server/attempts/sweep-attempts";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";

const EVERY_MS = 15_000;

const log = (line: string) => console.log(`[spool] ${line}`);

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
