// `npm run keys -- create <name> | list | revoke <name>`: Spool API keys for the /v1 gateway,
// in the database a running Spool uses (DATABASE_URL, or the embedded one in SPOOL_DATA_DIR).
// `create` prints the key once, as the last line of stdout; everything else goes to stderr.
import { launchEnvSchema, parseEnv } from "../src/config/env-schema";
import { apiKeyNameSchema } from "../src/lib/api-key-name";
import { createApiKey, listApiKeys, revokeApiKey } from "../src/server/api-keys/api-key-service";
import type { ApiKeySummary } from "../src/server/api-keys/api-key-selects";
import { openSharedDatabase } from "../src/server/db/shared-database";
import { createPrismaClient } from "../src/server/prisma";

const USAGE = "usage: npm run keys -- create <name> | list | revoke <name>";
/** Who ran the command, recorded as the key's creator or revoker. */
const operator = `${process.env.USER || process.env.LOGNAME || "unknown"} (npm run keys)`;

async function main() {
  const [command, rawName, ...extra] = process.argv.slice(2);
  if (!command || !["create", "list", "revoke"].includes(command) || extra.length > 0) throw new UsageError(USAGE);
  if (command !== "list" && rawName === undefined) throw new UsageError(`${command} needs a key name. ${USAGE}`);
  if (command === "list" && rawName !== undefined) throw new UsageError(USAGE);
  const name = rawName === undefined ? undefined : parseName(rawName);

  const env = parseEnv(launchEnvSchema, process.env);
  const database = await openSharedDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.SPOOL_DATA_DIR, port: env.SPOOL_PG_PORT });
  const db = createPrismaClient(database.url);
  try {
    if (command === "create") {
      const { key, secret } = await createApiKey(db, { name: name!, createdBy: operator });
      console.error(`[keys] created '${key.name}' (${key.prefix}…). Shown this once; Spool keeps only its hash:`);
      console.log(secret);
    } else if (command === "revoke") {
      const key = await revokeApiKey(db, { name: name!, revokedBy: operator });
      console.log(`revoked '${key.name}' (${key.prefix}…) at ${key.revokedAt!.toISOString()}`);
    } else {
      const keys = await listApiKeys(db);
      console.log(keys.length === 0 ? "No keys yet: npm run keys -- create <name>" : formatTable(keys));
    }
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

function parseName(raw: string): string {
  const parsed = apiKeyNameSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  return parsed.data;
}

function formatTable(keys: ApiKeySummary[]): string {
  const rows = [
    ["NAME", "PREFIX", "CREATED", "BY", "LAST USED", "REVOKED"],
    ...keys.map((key) => [
      key.name,
      `${key.prefix}…`,
      key.createdAt.toISOString(),
      key.createdBy ?? "-",
      key.lastUsedAt?.toISOString() ?? "never",
      key.revokedAt ? `${key.revokedAt.toISOString()} by ${key.revokedBy ?? "-"}` : "-",
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  console.error(`[keys] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
