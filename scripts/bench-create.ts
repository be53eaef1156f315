// `npm run bench:create [-- --rounds 5 --requests 300 --concurrency 16 --latency-requests 100 --warmup 100 --targets a,b --no-build]`:
// the create path side by side. One emulator; the targets in front of it (see
// bench/create-targets.ts) take turns in rounds, so the machine's noise hits all alike. Each
// round gives every target `--latency-requests` requests one at a time (its latency: what one
// caller waits, without queueing behind 15 others) and `--requests` at `--concurrency` (its
// throughput), as issue 8's table measures them. Prints p50/p95/p99 and requests/s per target
// and the issues' comparisons; the report is also written to .spool/bench/create-report.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulatorProcess } from "./faults/emulator-process";
import { endLeftovers, forgetGroups, rememberGroup } from "./faults/leftovers";
import { ensureBuilt, staleness } from "./bench/builds";
import { runBatch, runInTurns } from "./bench/closed-loop";
import { endOnExit } from "./bench/exit-cleanup";
import { createReport, type TargetResult } from "./bench/create-report";
import { CREATE_TARGETS, type RunningTarget } from "./bench/create-targets";
import { summarize } from "./bench/summary";

const DATA_DIR = path.resolve(".spool/bench-create");
const REPORT_FILE = path.resolve(".spool/bench/create-report.md");
/** Ports: the emulator at the base, target i at base + 1 + i, spare ports after those. */
const DEFAULT_BASE_PORT = 3500;

const say = (line: string) => console.error(`[bench:create] ${line}`);

function settings() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "5" },
      requests: { type: "string", default: "300" },
      concurrency: { type: "string", default: "16" },
      "latency-requests": { type: "string", default: "100" },
      warmup: { type: "string", default: "100" },
      "max-minutes": { type: "string", default: "20" },
      "no-build": { type: "boolean", default: false },
      // A comma-separated subset of the targets' keys (e.g. upstream-get,gateway-get); all by default.
      targets: { type: "string" },
    },
  });
  const known = CREATE_TARGETS.map((target) => target.key);
  const targets = values.targets === undefined ? known : values.targets.split(",").map((key) => key.trim());
  const unknown = targets.filter((key) => !known.includes(key));
  if (unknown.length || targets.length === 0) throw new Error(`--targets takes keys among ${known.join(", ")}; got '${values.targets}'`);
  const whole = (name: string, text: string | undefined, min: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got '${text}'`);
    return value;
  };
  return {
    rounds: whole("--rounds", values.rounds, 1),
    requests: whole("--requests", values.requests, 1),
    concurrency: whole("--concurrency", values.concurrency, 1),
    latencyRequests: whole("--latency-requests", values["latency-requests"], 1),
    warmup: whole("--warmup", values.warmup, 0),
    maxMinutes: whole("--max-minutes", values["max-minutes"], 1),
    build: !values["no-build"],
    targets: new Set(targets),
    basePort: whole("SPOOL_BENCH_BASE_PORT", process.env.SPOOL_BENCH_BASE_PORT ?? String(DEFAULT_BASE_PORT), 1),
  };
}

async function main(): Promise<number> {
  const config = settings();
  const subset = config.targets.size < CREATE_TARGETS.length ? ` --targets ${[...config.targets].join(",")}` : "";
  const command = `npm run bench:create -- --rounds ${config.rounds} --requests ${config.requests} --concurrency ${config.concurrency} --latency-requests ${config.latencyRequests} --warmup ${config.warmup}${subset}`;

  // Builds first: they take minutes and need no ports.
  for (const target of CREATE_TARGETS) {
    if (!target.build || !config.targets.has(target.key)) continue;
    const stale = staleness(target.build);
    if (stale === null) continue;
    if (!config.build) {
      if (stale.startsWith("no build")) throw new Error(`${target.build.name}: ${stale}; run without --no-build`);
      say(`${target.build.name}: ${stale}; measuring the old build anyway (--no-build)`);
      continue;
    }
    await ensureBuilt(target.build, say);
  }

  const emulatorPort = config.basePort;
  const targetPort = (index: number) => config.basePort + 1 + index;
  const extraPort = (index: number) => config.basePort + 1 + CREATE_TARGETS.length + index;
  const ports = [emulatorPort, ...CREATE_TARGETS.flatMap((_, i) => [targetPort(i), extraPort(i)])];
  await endLeftovers(DATA_DIR);
  const busy = (await Promise.all(ports.map(async (port) => ((await isFree(port)) ? null : port)))).filter((port) => port !== null);
  if (busy.length) throw new Error(`Port(s) ${busy.join(", ")} in use: set SPOOL_BENCH_BASE_PORT to a free range (${ports.length} ports from it)`);
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });

  const log: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
      // A child still starting when the run ends has no stop yet; its group was noted.
      await endLeftovers(DATA_DIR);
      forgetGroups(DATA_DIR);
    })());
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by
  // tsx), and a second signal without a handler would end it before its children.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping === null) say(`${signal}: stopping every child`);
      void stopAll().then(() => process.exit(130));
    });
  }
  // Bounded in time: a hung target ends the run (and its children) instead of holding the machine.
  const watchdog = setTimeout(() => {
    say(`still running after ${config.maxMinutes} min (--max-minutes): stopping`);
    void stopAll().then(() => process.exit(1));
  }, config.maxMinutes * 60_000);
  watchdog.unref();

  try {
    const remember = (pid: number | undefined) => {
      rememberGroup(DATA_DIR, pid);
      endOnExit(pid);
    };
    const emulator = await startEmulatorProcess(emulatorPort, (line) => log.push(line), remember);
    stops.push(emulator.stop);
    const running: Array<{ key: string; name: string; target: RunningTarget }> = [];
    for (const [index, definition] of CREATE_TARGETS.entries()) {
      // Each target keeps its own ports whichever are measured.
      if (!config.targets.has(definition.key)) continue;
      const started = Date.now();
      const target = await definition.start({
        emulator,
        port: targetPort(index),
        extraPort: extraPort(index),
        dataDir: DATA_DIR,
        log: (line) => log.push(line),
        remember,
      });
      stops.push(target.stop);
      running.push({ key: definition.key, name: definition.name, target });
      say(`${definition.name} up on :${targetPort(index)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    for (const { name, target } of running) {
      // A few one at a time first: a cold server met by 16 at once can time itself out.
      const gentle = Math.min(10, config.warmup);
      for (const [count, concurrency] of [[gentle, 1], [config.warmup - gentle, config.concurrency]] as const) {
        const warm = await runBatch(target.send, count, concurrency);
        if (warm.failures) say(`${name}: ${warm.failures} of ${count} warm-up creates failed, e.g. ${warm.failureSamples.join("; ")}`);
      }
    }
    say(
      `warmed up (${config.warmup} requests each); ${config.rounds} rounds of ${config.latencyRequests} requests per target one at a time, then ${config.requests} at concurrency ${config.concurrency}`,
    );

    const load = os.loadavg()[0]!;
    const collected = running.map(() => ({ latencies: [] as number[], wallMs: 0, answered: 0, failures: 0, perRound: [] as number[] }));
    for (let round = 0; round < config.rounds; round++) {
      const line: string[] = [];
      // Latency: the targets in turns request by request (closed-loop.ts says why), the first rotating each round.
      const singles = await runInTurns(running.map(({ target }) => target.send), config.latencyRequests, round % running.length);
      for (let turn = 0; turn < running.length; turn++) {
        const index = (round + turn) % running.length;
        const { key, name, target } = running[index]!;
        const single = singles[index]!;
        const batch = await runBatch(target.send, config.requests, config.concurrency);
        const into = collected[index]!;
        into.latencies.push(...single.latenciesMs);
        into.wallMs += batch.wallMs;
        into.answered += config.requests;
        into.failures += single.failures + batch.failures;
        into.perRound[round] = (config.requests * 1000) / batch.wallMs;
        for (const [what, failed] of [["one at a time", single], [`at concurrency ${config.concurrency}`, batch]] as const) {
          if (failed.failures) say(`${name}: ${failed.failures} failed ${what} in round ${round + 1}, e.g. ${failed.failureSamples.join("; ")}`);
        }
        line.push(`${key} ${Math.round(into.perRound[round]!)}/s`);
      }
      say(`round ${round + 1}/${config.rounds}: ${line.join(", ")}`);
    }

    const results: TargetResult[] = running.map(({ key, name }, index) => {
      const { latencies, wallMs, answered, failures, perRound } = collected[index]!;
      return { key, name, latency: summarize(latencies), perSecond: wallMs > 0 ? (answered * 1000) / wallMs : 0, failures, perRound };
    });
    const heading = [
      `\`${command}\` · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
      `Node ${process.version} · ${os.cpus().length} cores · load average ${load.toFixed(2)} when the rounds began · production builds · Spool in real-upstream mode on a fresh PostgreSQL`,
    ].join("  \n");
    const report = createReport({ heading, results });
    mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
    writeFileSync(REPORT_FILE, `${report}\n`);
    console.log(report);
    say(`report also written to ${path.relative(process.cwd(), REPORT_FILE)}`);
    return results.some((result) => result.failures > 0) ? 1 : 0;
  } catch (error) {
    // The children's own words usually say why a start failed.
    for (const line of log.slice(-40)) console.error(line);
    throw error;
  } finally {
    await stopAll();
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench:create] failed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
