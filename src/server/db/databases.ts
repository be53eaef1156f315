// Creating and dropping whole databases, for start-up and for per-run test databases.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Returns the URL of `name` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  await withClient(databaseUrl(serverUrl, "postgres"), async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  return databaseUrl(serverUrl, name);
}

/** A new, uniquely named database, so test runs never see each other's rows. */
export async function createScratchDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = await ensureDatabase(serverUrl, name);
  return {
    name,
    url,
    drop: () =>
      withClient(databaseUrl(serverUrl, "postgres"), (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      ),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}
