// The run's own embedded PostgreSQL, apart from Spool's launcher, so it can be stopped and
// started again under load while Spool keeps running.
import { ensureDatabase } from "../../src/server/db/databases";
import { startEmbeddedPostgres, type RunningPostgres } from "../../src/server/db/embedded-postgres";

export type PostgresProcess = {
  /** The `spool` database; Spool's launcher applies migrations to it. */
  url: string;
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startPostgresProcess(dataDir: string, port: number, log: (line: string) => void): Promise<PostgresProcess> {
  const start = () => startEmbeddedPostgres({ dataDir, port, log: (line) => log(`[postgres] ${line.trimEnd()}`) });
  let running: RunningPostgres | null = await start();
  const url = await ensureDatabase(running.adminUrl, "spool");
  return {
    url,
    async restart(downMs) {
      // SIGINT is PostgreSQL's fast shutdown: open connections are cut, as in a failover.
      await running?.stop();
      running = null;
      await new Promise((resolve) => setTimeout(resolve, downMs));
      running = await start();
    },
    async stop() {
      await running?.stop();
      running = null;
    },
  };
}
