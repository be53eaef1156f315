import "server-only";
import { randomInt } from "node:crypto";
import pg from "pg";

/** First key of the advisory locks that say "this Spool process is alive" (ASCII "Spoo"). */
export const PRESENCE_LOCK_CLASS = 0x53706f6f;

type Presence = { id: number; client: pg.Client | null; stopped: boolean };

// On globalThis: instrumentation and route handlers are separate bundles in one process.
const globalForPresence = globalThis as unknown as { spoolPresence?: Presence };

function presence(): Presence {
  globalForPresence.spoolPresence ??= { id: randomInt(1, 2 ** 31 - 1), client: null, stopped: false };
  return globalForPresence.spoolPresence;
}

/** This process's id, written on every attempt it makes (`create_attempts.owner`). */
export function instanceId(): number {
  return presence().id;
}

/**
 * Holds a session advisory lock keyed by this process's id for as long as the process
 * lives, re-taking it after a database restart. Postgres drops the lock the moment the
 * connection dies, SIGKILL included, so a successor can tell a dead process's PENDING
 * attempts (nobody will finish them) from a live one's at once, without waiting out a
 * timeout. Resolves once the lock is held or the first try failed.
 */
export function holdPresence(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const state = presence();
  return new Promise((firstTry) => {
    const connect = () => {
      if (state.stopped || state.client) return firstTry();
      const client = new pg.Client({ connectionString: databaseUrl, application_name: `spool:${state.id}` });
      let lost = false;
      const onLost = () => {
        if (lost) return;
        lost = true;
        if (state.client === client) state.client = null;
        client.end().catch(() => {});
        if (!state.stopped) setTimeout(connect, 1_000).unref();
      };
      client.on("error", onLost);
      client.on("end", onLost);
      client
        .connect()
        .then(() => client.query("SELECT pg_advisory_lock($1, $2)", [PRESENCE_LOCK_CLASS, state.id]))
        .then(() => {
          state.client = client;
        })
        .catch((error: unknown) => {
          log(`could not mark this process alive in the database (retrying): ${(error as Error).message}`);
          onLost();
        })
        .finally(firstTry);
    };
    connect();
  });
}

/** For tests: lets go of the lock, as a process that exits does. */
export async function releasePresence(): Promise<void> {
  const state = presence();
  state.stopped = true;
  const client = state.client;
  state.client = null;
  await client?.end();
}
