// `npm run test:faults`: 2,000 creates at concurrency 32 against the production build, with
// upstream faults, double submits, invalid input, a Spool SIGKILL and a PostgreSQL restart
// under load; then the emulator's ledger is reconciled with the database. See README.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { KEY_CANARY } from "../key-leak/key-canary";
import { fetchPages, scanForCanary } from "./canary-scan";
import { countPending, readDatabaseRecord } from "./database-record";
import { emulatorControl } from "./emulator-control";
import { startEmulatorProcess } from "./emulator-process";
import { planCreates } from "./fault-plan";
import { endLeftovers, forgetGroups, rememberGroup } from "./leftovers";
import { driveLoad } from "./load-driver";
import { startPostgresProcess } from "./postgres-process";
import { reconcile } from "./reconcile";
import { spoolClient } from "./spool-client";
import { startSpoolProcess } from "./spool-process";
import { formatTally } from "./tally-report";

const CREATES = 2_000;
const CONCURRENCY = 32;
/** Short, so a hung upstream resolves in seconds; faults' latencies stay below it. */
const UPSTREAM_TIMEOUT_MS = 2_500;
/** Long enough for the stale-attempt backstop (see src/server/attempts/attempt-sweeper.ts) to run once. */
const SWEEP_WAIT_MS = 150_000;

const say = (line: string) => console.log(`[faults] ${line}`);

function settings() {
  const { values } = parseArgs({ options: { seed: { type: "string" } } });
  const number = (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
    return value;
  };
  const seedText = values.seed ?? process.env.SPOOL_FAULTS_SEED;
  const seed = seedText === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a whole number");
  return {
    seed,
    appPort: number("SPOOL_FAULTS_PORT", 3300),
    emulatorPort: number("SPOOL_FAULTS_EMULATOR_PORT", 4411),
    pgPort: number("SPOOL_FAULTS_PG_PORT", 54361),
    dataDir: path.resolve(".spool/faults"),
  };
}

async function main(): Promise<number> {
  const started = Date.now();
  const config = settings();
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build in .next: run `npm run build` first.");
  say(`seed ${config.seed} (replay: npm run test:faults -- --seed ${config.seed})`);
  await endLeftovers(config.dataDir);
  rmSync(config.dataDir, { recursive: true, force: true });
  mkdirSync(config.dataDir, { recursive: true });
  const remember = (pid: number | undefined) => rememberGroup(config.dataDir, pid);

  const spoolLog: string[] = [];
  const otherLog: string[] = [];
  const responses: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void stopAll().then(() => process.exit(130)));
  }

  try {
    const postgres = await startPostgresProcess(path.join(config.dataDir, "postgres"), config.pgPort, (line) => otherLog.push(line));
    stops.push(postgres.stop);
    const emulator = await startEmulatorProcess(config.emulatorPort, (line) => otherLog.push(line), remember);
    stops.push(emulator.stop);
    const spool = await startSpoolProcess({
      port: config.appPort,
      log: (line) => spoolLog.push(line),
      onStart: remember,
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        OPENAI_API_KEY: KEY_CANARY,
        OPENAI_BASE_URL: emulator.baseURL,
        OPENAI_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
        SPOOL_CREATE_RATE_LIMIT: "1000000",
        SPOOL_DATA_DIR: config.dataDir,
        SPOOL_AUTH_PROXY_HEADER: "",
      },
    });
    stops.push(spool.stop);
    say(`stack up in ${((Date.now() - started) / 1000).toFixed(1)}s: Spool ${spool.url}, emulator ${emulator.url}, PostgreSQL :${config.pgPort}`);

    const client = spoolClient(spool.url, (body) => responses.push(body));
    const control = emulatorControl(emulator.url);
    const loadStarted = Date.now();
    const timed = (name: string, run: () => Promise<void>) => async () => {
      const at = Date.now();
      say(`${name}: begins with requests in flight`);
      await run();
      say(`${name}: back after ${((Date.now() - at) / 1000).toFixed(1)}s`);
    };
    const outcomes = await driveLoad({
      plan: planCreates(config.seed, CREATES),
      concurrency: CONCURRENCY,
      client,
      emulator: control,
      disruptions: [
        { atIndex: 700, name: "spool", run: timed("Spool SIGKILL and restart", spool.crashAndRestart) },
        { atIndex: 1_300, name: "postgres", run: timed("PostgreSQL stop and start", () => postgres.restart(2_000)) },
      ],
      onProgress: (done) => {
        if (done % 250 === 0) say(`${done}/${CREATES} creates answered`);
      },
    });
    say(`load done in ${((Date.now() - loadStarted) / 1000).toFixed(1)}s`);

    const sweepStarted = Date.now();
    for (let pending = await countPending(postgres.url); pending > 0; pending = await countPending(postgres.url)) {
      if (Date.now() - sweepStarted > SWEEP_WAIT_MS) break;
      say(`${pending} attempt(s) PENDING; waiting for Spool's sweep`);
      await sleep(5_000);
    }
    say(`sweep wait ${((Date.now() - sweepStarted) / 1000).toFixed(1)}s`);

    const ledger = await control.ledger();
    const record = await readDatabaseRecord(postgres.url);
    const { tally, violations } = reconcile(outcomes, ledger, record);
    const pages = await fetchPages(client, record.threads[0]?.id);
    await spool.stop();
    const canary = scanForCanary({ logLines: spoolLog, responses, pages });
    writeFileSync(path.join(config.dataDir, "spool.log"), `${spoolLog.join("\n")}\n`);

    console.log(`\nFault run, seed ${config.seed}:\n${formatTally(tally)}\n`);
    say(`key canary: ${canary.leaks.length === 0 ? "not found" : "FOUND"} in ${canary.logLines} log lines / ${canary.responses} responses / ${canary.pages} pages`);
    const problems = [...violations, ...canary.leaks.map((leak) => `API key leaked in ${leak}`)];
    say(`wall time ${((Date.now() - started) / 1000).toFixed(1)}s; Spool's log: ${path.relative(process.cwd(), config.dataDir)}/spool.log`);
    if (problems.length === 0) {
      say("PASS: nothing lost, nothing duplicated, no 500s, no key leaks");
      return 0;
    }
    console.error(`\n[faults] FAIL (seed ${config.seed}): ${problems.length} problem(s)`);
    for (const problem of problems.slice(0, 50)) console.error(`  - ${problem}`);
    console.error(`\nLast lines Spool printed:\n${spoolLog.slice(-30).join("\n")}`);
    return 1;
  } finally {
    await stopAll();
    forgetGroups(config.dataDir);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[faults] could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
