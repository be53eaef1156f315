// `npm run bench`'s second half: the dashboard's read procedures as a browser meets them,
// over HTTP against a production Spool (the `.next` build, started as `npm start` starts it)
// on the bench database. The SQL half (createCaller) shows what the queries cost; this half
// adds everything between the socket and the query.
import http from "node:http";
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

type Timing = { p50: number; p95: number; max: number; failures: number };

/** What the target is judged on (`node:http`), and the same read timed with `fetch` beside it. */
export type HttpReadResult = Timing & { read: HttpRead; viaFetch: Timing };

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
    // One kept-alive connection per client, as a browser's tab keeps one to its origin.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const read of options.reads) {
        const urlOf = (i: number) => queryUrl(spool.url, read.procedure, read.input(i));
        const viaHttp = await timeRead((url) => keptAliveGet(agent, url), urlOf, read.status, options.iterations);
        const result = { read, ...viaHttp, viaFetch: await timeRead(fetchGet, urlOf, read.status, options.iterations) };
        results.push(result);
        const wrong = result.failures + result.viaFetch.failures;
        options.say(
          `HTTP ${read.name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (with fetch: ${result.viaFetch.p50.toFixed(1)} / ${result.viaFetch.p95.toFixed(1)} ms)${wrong ? `, ${wrong} wrong answers` : ""}`,
        );
      }
    } finally {
      agent.destroy();
    }
    return results;
  } finally {
    process.removeListener("SIGINT", stop);
    await (stopping ??= spool.stop());
  }
}

/** One read timed with one client: warmed, then called `iterations` times one at a time. */
async function timeRead(get: (url: string) => Promise<number>, urlOf: (i: number) => string, status: number, iterations: number): Promise<Timing> {
  const call = async (i: number) => (await get(urlOf(i))) === status;
  // Warm the server as a server in use is warm: V8 keeps optimizing a path over its first few
  // hundred runs. With ten warm-up calls the figures were start-up's (list p50 7.2 ms, p95
  // 11.2 ms, against 3.1 and 7.3 after 200 calls, 2026-12-02 at 1,000,000 threads).
  for (let i = 0; i < WARMUP_CALLS; i++) await call(i);
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    if (!(await call(i))) failures++;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)!, failures };
}

export function httpReadsTable(results: HttpReadResult[]): string[] {
  return [
    "| Procedure over HTTP | p50 | p95 | max | wrong answers | Target | | with `fetch`: p50 / p95 |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ...results.map(
      ({ read, p50, p95, max, failures, viaFetch }) =>
        `| ${read.name} | ${p50.toFixed(1)} ms | ${p95.toFixed(1)} ms | ${max.toFixed(1)} ms | ${failures + viaFetch.failures} | p95 ≤ ${HTTP_READ_TARGET_P95_MS} ms | ${
          p95 <= HTTP_READ_TARGET_P95_MS && failures + viaFetch.failures === 0 ? "✅" : "❌"
        } | ${viaFetch.p50.toFixed(1)} / ${viaFetch.p95.toFixed(1)} ms |`,
    ),
  ];
}

/**
 * One GET on a kept-alive `node:http` connection; the answer's status once its body is read.
 * The target is timed with this client: Node's `fetch` (undici, JavaScript over web streams)
 * spends 1–2 ms of its own per call in this process, which a browser's native network stack
 * does not, and which is not Spool's (the table shows `fetch` beside it).
 */
function keptAliveGet(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, signal: AbortSignal.timeout(30_000) }, (answer) => {
        answer.resume();
        answer.once("end", () => resolve(answer.statusCode ?? 0));
        answer.once("error", reject);
      })
      .once("error", reject);
  });
}

async function fetchGet(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return response.status;
}
