// `npm run bench`'s second half: the dashboard's read procedures as a browser meets them,
// over HTTP against a production Spool (the `.next` build, started as `npm start` starts it)
// on the bench database. The SQL half (createCaller) shows what the queries cost; this half
// adds everything between the socket and the query.
import { performance } from "node:perf_hooks";
import path from "node:path";
import { freePort } from "../../src/test/free-port";
import { queryUrl } from "../faults/spool-client";
import { startSpoolProcess } from "../faults/spool-process";
import { ensureBuilt, SPOOL_BUILD } from "./builds";
import { endOnExit } from "./exit-cleanup";
import { percentile } from "./summary";

export type HttpRead = {
  name: string;
  procedure: string;
  /** The input of call `i`. */
  input: (i: number) => unknown;
  /** The status a correct answer has (an unknown id is a 404, not a failure). */
  status: number;
};

export type HttpReadResult = { read: HttpRead; p50: number; p95: number; max: number; failures: number };

const WARMUP_CALLS = 500;

/** Issue 8's target for each read over HTTP. */
export const HTTP_READ_TARGET_P95_MS = 8;

export async function measureReadsOverHttp(options: {
  databaseUrl: string;
  reads: HttpRead[];
  iterations: number;
  say: (line: string) => void;
}): Promise<HttpReadResult[]> {
  await ensureBuilt(SPOOL_BUILD, options.say);
  const port = await freePort();
  const log: string[] = [];
  const spool = await startSpoolProcess({
    port,
    log: (line) => log.push(line),
    onStart: endOnExit,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      // Reads never call the upstream; a key and base URL keep the launcher from starting an emulator.
      OPENAI_API_KEY: "sk-bench-not-a-real-key",
      OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      SPOOL_DATA_DIR: path.resolve(".spool/bench-http"),
      SPOOL_AUTH_PROXY_HEADER: "",
    },
  }).catch((error: unknown) => {
    for (const line of log.slice(-30)) console.error(line);
    throw error;
  });
  // `on`: Ctrl-C arrives twice (terminal and tsx); each waits for the same stop.
  let stopping: Promise<void> | null = null;
  const stop = () => void (stopping ??= spool.stop()).then(() => process.exit(130));
  process.on("SIGINT", stop);
  try {
    options.say(`production Spool on ${spool.url}; ${options.iterations} timed calls per read over HTTP`);
    const results: HttpReadResult[] = [];
    for (const read of options.reads) {
      const call = async (i: number) => {
        const response = await fetch(queryUrl(spool.url, read.procedure, read.input(i)), { signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        return response.status === read.status;
      };
      // Warm the server as a server in use is warm: V8 keeps optimizing a path over its first
      // few hundred runs. With ten warm-up calls the figures were start-up's (list p50 7.2 ms,
      // p95 11.2 ms, against 3.1 and 7.3 after 200 calls, 2026-12-02 at 1,000,000 threads).
      for (let i = 0; i < WARMUP_CALLS; i++) await call(i);
      const times: number[] = [];
      let failures = 0;
      for (let i = 0; i < options.iterations; i++) {
        const started = performance.now();
        if (!(await call(i))) failures++;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const result = { read, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)!, failures };
      results.push(result);
      options.say(`HTTP ${read.name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms${failures ? `, ${failures} wrong answers` : ""}`);
    }
    return results;
  } finally {
    process.removeListener("SIGINT", stop);
    await (stopping ??= spool.stop());
  }
}

export function httpReadsTable(results: HttpReadResult[]): string[] {
  return [
    "| Procedure over HTTP | p50 | p95 | max | wrong answers | Target | |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...results.map(
      ({ read, p50, p95, max, failures }) =>
        `| ${read.name} | ${p50.toFixed(1)} ms | ${p95.toFixed(1)} ms | ${max.toFixed(1)} ms | ${failures} | p95 ≤ ${HTTP_READ_TARGET_P95_MS} ms | ${
          p95 <= HTTP_READ_TARGET_P95_MS && failures === 0 ? "✅" : "❌"
        } |`,
    ),
  ];
}
