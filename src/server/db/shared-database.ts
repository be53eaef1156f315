// For commands run beside a live Spool (`npm run keys`): use the database it uses, without
// disturbing it. Starting the embedded cluster while Spool runs would stop Spool's server
// (see stopOrphanedServer), so a running one is joined, and only a stopped one is started.
import path from "node:path";
import pg from "pg";
import { databaseUrl } from "./databases";
import { embeddedAdminUrl } from "./embedded-postgres";
import { openDatabase, type OpenDatabase } from "./local-database";
import { applyMigrations } from "./migrate";

export async function openSharedDatabase(options: { databaseUrl?: string; dataDir: string; port: number }): Promise<OpenDatabase> {
  if (!options.databaseUrl) {
    const running = databaseUrl(embeddedAdminUrl(options.port), "spool");
    if (await answers(running)) {
      const { applied } = await applyMigrations(running);
      return { url: running, embedded: true, applied, close: async () => {} };
    }
  }
  return openDatabase({ databaseUrl: options.databaseUrl, dataDir: path.resolve(options.dataDir), port: options.port });
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
