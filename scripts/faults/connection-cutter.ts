// Cuts every database connection one Spool instance holds, again and again, as a failover,
// an idle-connection reaper or a transaction pooler would: found by the `application_name`
// the run puts in that instance's DATABASE_URL.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

export type CutResult = { rounds: number; backendsCut: number };

export async function cutConnectionsRepeatedly(options: {
  adminUrl: string;
  applicationName: string;
  rounds: number;
  everyMs: number;
}): Promise<CutResult> {
  const result: CutResult = { rounds: 0, backendsCut: 0 };
  for (let round = 0; round < options.rounds; round++) {
    await sleep(options.everyMs);
    const client = new pg.Client({ connectionString: options.adminUrl });
    try {
      await client.connect();
      const { rowCount } = await client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
        [options.applicationName],
      );
      result.rounds++;
      result.backendsCut += rowCount ?? 0;
    } catch {
      // PostgreSQL itself may be restarting: this round is skipped, the next one tries again.
    } finally {
      await client.end().catch(() => {});
    }
  }
  return result;
}

/** `url` with `application_name` set, so that instance's connections can be found. */
export function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("application_name", name);
  return parsed.toString();
}
