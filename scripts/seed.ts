// `npm run db:seed -- --count 1000000`: adds realistic threads to Spool's database
// (the embedded one in SPOOL_DATA_DIR, or DATABASE_URL), migrating it first.
import path from "node:path";
import { InvalidEnvironmentError, launchEnvSchema, parseEnv } from "../src/config/env-schema";
import { openDatabase } from "../src/server/db/local-database";
import { countArgument } from "./seed-arguments";
import { seedThreads } from "./seed-threads";

async function main() {
  const count = countArgument(process.argv.slice(2), 10_000);
  const env = parseEnv(launchEnvSchema, process.env);
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: path.resolve(env.SPOOL_DATA_DIR), port: env.SPOOL_PG_PORT });
  try {
    console.log(`[seed] adding ${count.toLocaleString("en")} threads`);
    await seedThreads(db.url, count, ({ done, total, elapsedMs }) =>
      console.log(`[seed] ${done.toLocaleString("en")} / ${total.toLocaleString("en")} threads (${(elapsedMs / 1000).toFixed(1)} s)`),
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[seed] ${error instanceof InvalidEnvironmentError ? error.message : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
