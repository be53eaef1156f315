import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseUnavailable } from "~/server/db/database-unavailable";

/** How long a write that must not be lost keeps trying while the database is unreachable. */
export const DATABASE_RETRY_WINDOW_MS = 20_000;

/**
 * Runs `write` again while the database is unreachable (a restart, a failover), for up to
 * `windowMs`. A connection lost after COMMIT looks like a failure although the write
 * landed, so before each new try `alreadyDone` is asked whether it did.
 */
export async function withDatabaseRetry<T>(
  write: () => Promise<T>,
  options: { alreadyDone?: () => Promise<T | null>; windowMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.windowMs ?? DATABASE_RETRY_WINDOW_MS);
  for (let pause = 200; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + pause > deadline) throw error;
    }
    await sleep(pause);
    const done = await options.alreadyDone?.().catch(() => null);
    if (done) return done;
  }
}
