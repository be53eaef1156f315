// `npm run dev` / `npm start` / `npm run db:migrate`: everything Spool needs, started
// in order (database, migrations, emulator), then Next.js with the wiring in its env.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describeAccess, InvalidEnvironmentError, launchEnvSchema, parseEnv } from "../src/config/env-schema";
import { openDatabase } from "../src/server/db/local-database";
import { startEmulator } from "../src/emulator/server";

type Command = "dev" | "start" | "migrate";

const say = (line: string) => console.log(`[spool] ${line}`);

async function main() {
  const command = (process.argv[2] ?? "dev") as Command;
  if (!["dev", "start", "migrate"].includes(command)) throw new Error(`Unknown command '${command}' (dev, start, migrate).`);
  const fresh = process.argv.includes("--fresh");
  const env = parseEnv(launchEnvSchema, process.env);
  const dataDir = path.resolve(env.SPOOL_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  const cleanups: Array<() => Promise<void>> = [];
  const shutdown = async (code: number) => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
    process.exit(code);
  };

  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    port: env.SPOOL_PG_PORT,
    scratch: fresh ? "spool_fresh" : undefined,
  });
  cleanups.push(db.close);
  say(
    `${db.embedded ? `embedded PostgreSQL on 127.0.0.1:${env.SPOOL_PG_PORT} (data in ${path.relative(process.cwd(), dataDir) || "."}/postgres)` : "PostgreSQL from DATABASE_URL"}` +
      `; migrations applied: ${db.applied.length ? db.applied.join(", ") : "none pending"}`,
  );
  if (command === "migrate") return shutdown(0);

  const upstreamEnv: Record<string, string> = {};
  if (env.OPENAI_API_KEY && env.OPENAI_BASE_URL) {
    Object.assign(upstreamEnv, { OPENAI_API_KEY: env.OPENAI_API_KEY, OPENAI_BASE_URL: env.OPENAI_BASE_URL, SPOOL_UPSTREAM: "remote" });
    say(`upstream: ${env.OPENAI_BASE_URL}`);
  } else {
    const emulator = await startEmulator({
      port: env.SPOOL_EMULATOR_PORT,
      stateFile: fresh ? undefined : path.join(dataDir, "emulator-state.json"),
    });
    cleanups.push(emulator.close);
    // Not a secret: the emulator only checks that some bearer token is sent.
    Object.assign(upstreamEnv, { OPENAI_API_KEY: "spool-emulator", OPENAI_BASE_URL: emulator.baseURL, SPOOL_UPSTREAM: "emulator" });
    say(`upstream: built-in Assistants emulator at ${emulator.baseURL} (no OPENAI_API_KEY set)`);
  }

  const next = spawnNext(command, env.PORT, env.HOST, {
    ...process.env,
    ...upstreamEnv,
    DATABASE_URL: db.url,
    OPENAI_TIMEOUT_MS: String(env.OPENAI_TIMEOUT_MS),
    SPOOL_AUTH_PROXY_HEADER: env.SPOOL_AUTH_PROXY_HEADER ?? "",
    SPOOL_AUTH_PROXY_SECRET: env.SPOOL_AUTH_PROXY_SECRET ?? "",
    SPOOL_CREATE_RATE_LIMIT: String(env.SPOOL_CREATE_RATE_LIMIT),
    SPOOL_GATEWAY_RATE_LIMIT: String(env.SPOOL_GATEWAY_RATE_LIMIT),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  say(describeAccess(env));
  say(`Spool on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    if (next.exitCode === null) next.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code) => void shutdown(stopping ? 0 : (code ?? 1)));
}

/**
 * Next.js behind Spool's own HTTP server (scripts/next-server.ts), which reports the socket's
 * peer and serves the gateway's pass-through; its server modules need `server-only` resolved
 * as Next.js resolves it (scripts/server-only-hooks.mjs).
 */
function spawnNext(command: "dev" | "start", port: number, host: string, env: NodeJS.ProcessEnv): ChildProcess {
  const args = ["--import", "tsx", "--import", path.resolve("scripts/register-server-only.mjs"), path.resolve("scripts/next-server.ts"), command, String(port), host];
  const mode = command === "dev" ? "development" : "production";
  return spawn(process.execPath, args, { stdio: "inherit", env: { ...env, NODE_ENV: mode } });
}

main().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) console.error(`[spool] ${error.message}`);
  else console.error("[spool] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
