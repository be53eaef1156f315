import "server-only";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";
import { attemptsInFlight, instanceId, startLease } from "./instance-lease";
import { forgetOldLeases, sweepOrphanedAttempts, sweepOwnAttempts } from "./sweep-attempts";

const EVERY_MS = 5_000;

const log = (line: string) => console.log(`[spool] ${line}`);

/**
 * Holds this process's lease and ends, as UNKNOWN, every PENDING attempt nobody will finish:
 * another instance's once its owner's lease has expired for longer than the attempt can live,
 * and this instance's own once it is no longer working on them (see sweep-attempts.ts).
 */
export function startAttemptSweeper() {
  const env = serverEnv();
  const me = instanceId();
  const sweep = async () => {
    try {
      const orphaned = await sweepOrphanedAttempts(prisma(), me);
      const own = await sweepOwnAttempts(prisma(), me, attemptsInFlight());
      await forgetOldLeases(prisma());
      if (orphaned + own > 0) log(`${orphaned + own} abandoned create attempt(s) marked "outcome unknown"`);
    } catch (error) {
      console.error("[spool] attempt sweep failed:", (error as Error).message);
    }
  };
  void startLease(prisma(), { upstreamTimeoutMs: env.OPENAI_TIMEOUT_MS, log }).then(sweep);
  setInterval(() => void sweep(), EVERY_MS).unref();
}
