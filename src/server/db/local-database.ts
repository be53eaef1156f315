// Opens the database Spool runs on: DATABASE_URL's, or an embedded PostgreSQL in
// the project's data folder. Either way it is migrated before anyone uses it.
import path from "node:path";
import { createScratchDatabase, ensureDatabase } from "./databases";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

export type OpenDatabase = {
  url: string;
  embedded: boolean;
  applied: string[];
  close(): Promise<void>;
};

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  /** A new throw-away database (tests), dropped on close. */
  scratch?: string;
  log?: (line: string) => void;
}): Promise<OpenDatabase> {
  const server = options.databaseUrl
    ? { url: options.databaseUrl, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "postgres"), port: options.port, log: options.log }).then(
        (pg) => ({ url: pg.adminUrl, stop: pg.stop }),
      );
  try {
    const scratch = options.scratch ? await createScratchDatabase(server.url, options.scratch) : null;
    const url = scratch?.url ?? (options.databaseUrl ? options.databaseUrl : await ensureDatabase(server.url, "spool"));
    const { applied } = await applyMigrations(url);
    return {
      url,
      embedded: !options.databaseUrl,
      applied,
      close: async () => {
        await scratch?.drop().catch(() => {});
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
