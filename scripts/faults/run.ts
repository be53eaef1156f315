// `npm run test:faults`: 2,000 creates at concurrency 32 against two instances of the
// production build on one PostgreSQL (round-robin), with upstream faults, double submits,
// invalid input, one instance's database connections cut again and again, the other SIGKILLed
// and restarted, and a PostgreSQL restart under load; the Attempts list is watched throughout.
// Then the emulator's ledger is reconciled with the database. See README.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { KEY_CANARY } from "../key-leak/key-canary";
import { fetchPages, scanForCanary } from "./canary-scan";
import { watchAttempts } from "./attempts-watch";
import { cutConnectionsRepeatedly, withApplicationName, type CutResult } from "./connection-cutter";
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
import { gatewayClient } from "./gateway-client";
import { createSpoolKey } from "./spool-key";

const CREATES = 2_000;
const CONCURRENCY = 32;
/** Short, so a hung upstream resolves in seconds; faults' latencies stay below it. */
const UPSTREAM_TIMEOUT_MS = 2_500;
/**
 * Long enough for the killed instance's lease to expire and its attempts' live window to pass
 * (lease 10 s + 3 × 2.5 s + 40 s, see sweep-attempts.ts), plus a sweep.
 */
const SWEEP_WAIT_MS = 150_000;
/** Instance a's connections are cut this often, this many times, from create 200 on. */
const CUT_EVERY_MS = 2_500;
const CUT_ROUNDS = 14;
const WATCH_EVERY_MS = 2_000;

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
    appPort2: number("SPOOL_FAULTS_PORT_2", number("SPOOL_FAULTS_PORT", 3300) + 1000),
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
    const spoolEnv = (name: string) => ({
      ...process.env,
      // One PostgreSQL for both; the application_name lets the run find each one's connections.
      DATABASE_URL: withApplicationName(postgres.url, `spool-${name}`),
      OPENAI_API_KEY: KEY_CANARY,
      OPENAI_BASE_URL: emulator.baseURL,
      OPENAI_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      SPOOL_CREATE_RATE_LIMIT: "1000000",
      SPOOL_GATEWAY_RATE_LIMIT: "1000000",
      SPOOL_DATA_DIR: config.dataDir,
      SPOOL_AUTH_PROXY_HEADER: "",
    });
    const log = (line: string) => spoolLog.push(line);
    // One after the other: both apply migrations at start (under Prisma's advisory lock).
    const spoolA = await startSpoolProcess({ name: "a", port: config.appPort, log, onStart: remember, env: spoolEnv("a") });
    stops.push(spoolA.stop);
    const spoolB = await startSpoolProcess({ name: "b", port: config.appPort2, log, onStart: remember, env: spoolEnv("b") });
    stops.push(spoolB.stop);
    say(
      `stack up in ${((Date.now() - started) / 1000).toFixed(1)}s: Spool a ${spoolA.url} and b ${spoolB.url} (round-robin), ` +
        `emulator ${emulator.url}, PostgreSQL :${config.pgPort}`,
    );

    const client = spoolClient([spoolA.url, spoolB.url], (body) => responses.push(body));
    // The gateway's creates come from a service with its own key, made as a team makes one.
    const spoolKey = await createSpoolKey({ databaseUrl: postgres.url, keyName: `fault-run-${config.seed}`, onStart: remember });
    const gateway = gatewayClient([spoolA.url, spoolB.url], spoolKey, (body) => responses.push(body));
    const control = emulatorControl(emulator.url);
    const watch = watchAttempts(client, WATCH_EVERY_MS);
    const loadStarted = Date.now();
    const timed = (name: string, run: () => Promise<void>) => async () => {
      const at = Date.now();
      say(`${name}: begins with requests in flight`);
      await run();
      say(`${name}: back after ${((Date.now() - at) / 1000).toFixed(1)}s`);
    };
    let cuts: CutResult = { rounds: 0, backendsCut: 0 };
    const cutA = async () => {
      cuts = await cutConnectionsRepeatedly({ adminUrl: postgres.url, applicationName: "spool-a", rounds: CUT_ROUNDS, everyMs: CUT_EVERY_MS });
    };
    const outcomes = await driveLoad({
      plan: planCreates(config.seed, CREATES),
      concurrency: CONCURRENCY,
      client,
      gateway,
      emulator: control,
      disruptions: [
        { atIndex: 200, name: "cut-a", run: timed(`Spool a's database connections cut every ${CUT_EVERY_MS / 1000}s, ${CUT_ROUNDS} times`, cutA) },
        { atIndex: 700, name: "spool-b", run: timed("Spool b SIGKILL and restart", spoolB.crashAndRestart) },
        { atIndex: 1_300, name: "postgres", run: timed("PostgreSQL stop and start", () => postgres.restart(2_000)) },
      ],
      onProgress: (done) => {
        if (done % 250 === 0) say(`${done}/${CREATES} creates answered`);
      },
    });
    say(`load done in ${((Date.now() - loadStarted) / 1000).toFixed(1)}s; ${cuts.backendsCut} connections of Spool a cut in ${cuts.rounds} rounds`);

    const sweepStarted = Date.now();
    for (let pending = await countPending(postgres.url); pending > 0; pending = await countPending(postgres.url)) {
      if (Date.now() - sweepStarted > SWEEP_WAIT_MS) break;
      say(`${pending} attempt(s) PENDING; waiting for Spool's sweep`);
      await sleep(5_000);
    }
    say(`sweep wait ${((Date.now() - sweepStarted) / 1000).toFixed(1)}s`);

    const watched = await watch.stop();
    say(`Attempts list read ${watched.polls} times during the run`);
    const ledger = await control.ledger();
    const record = await readDatabaseRecord(postgres.url);
    const { tally, violations } = reconcile(outcomes, ledger, record, watched);
    if (cuts.backendsCut === 0) violations.push("no connection of Spool a was cut: the cuts proved nothing");
    const pages = await fetchPages(client, record.threads[0]?.id);
    await spoolA.stop();
    await spoolB.stop();
    const canary = scanForCanary({ logLines: spoolLog, responses, pages });
    writeFileSync(path.join(config.dataDir, "spool.log"), `${spoolLog.join("\n")}\n`);

    console.log(`\nFault run, seed ${config.seed}:\n${formatTally(tally)}\n`);
    say(`key canary: ${canary.leaks.length === 0 ? "not found" : "FOUND"} in ${canary.logLines} log lines / ${canary.responses} responses / ${canary.pages} pages`);
    const problems = [...violations, ...canary.leaks.map((leak) => `API key leaked in ${leak}`)];
    // The part of the Spool key after what the Keys page shows is never printed, nor answered.
    const hidden = spoolKey.slice(12);
    if ([...spoolLog, ...responses].some((text) => text.includes(hidden))) problems.push("the gateway's Spool key appears in Spool's log or an answer");
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
