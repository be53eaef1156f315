// What `npm run bench:create` measures: one entry per target, each saying how to build it,
// start it next to the shared emulator, send one create, and stop it. A new target (e.g. the
// official SDK through Spool's `/v1` gateway) is one more entry in CREATE_TARGETS.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import OpenAI from "openai";
import type { EmulatorProcess } from "../faults/emulator-process";
import { startNodeChild, startTsChild, waitFor, type TsChild } from "../faults/child-process";
import { startPostgresProcess } from "../faults/postgres-process";
import { createRequestBody, spoolClient } from "../faults/spool-client";
import { startSpoolProcess } from "../faults/spool-process";
import { SPOOL_BUILD, type Build } from "./builds";
import type { Send } from "./closed-loop";

/** What every target is asked to create: the same thread, byte for byte. */
export const THREAD_REQUEST = {
  messages: [{ role: "user", content: "How do I reset my password? The link in the email has expired." }],
  metadata: { source: "bench", team: "support" },
};
const THREAD_BODY = JSON.stringify(THREAD_REQUEST);

/** Any client of the emulator just sends some bearer token; nothing here is a real key. */
const FAKE_KEY = "sk-bench-not-a-real-key";
const REQUEST_TIMEOUT_MS = 30_000;

export type TargetContext = {
  emulator: EmulatorProcess;
  /** This target's own port (SPOOL_BENCH_BASE_PORT + its offset). */
  port: number;
  /** A second port, for a target that needs one more server (Spool's PostgreSQL). */
  extraPort: number;
  /** This run's scratch folder (.spool/bench-create), emptied at the start of every run. */
  dataDir: string;
  log: (line: string) => void;
  /** Told every process group started, so a killed run's leftovers are ended next time. */
  remember: (pid: number | undefined) => void;
};

export type RunningTarget = { send: Send; stop(): Promise<void> };

export type CreateTarget = {
  key: string;
  name: string;
  build?: Build;
  start(context: TargetContext): Promise<RunningTarget>;
};

const BARE_NEXT_DIR = path.resolve("bench/bare-next");

export const CREATE_TARGETS: CreateTarget[] = [
  {
    key: "upstream",
    name: "upstream (emulator) directly",
    async start({ emulator }) {
      return { send: () => postThread(`${emulator.baseURL}/threads`, upstreamHeaders), stop: async () => {} };
    },
  },
  {
    key: "forwarder",
    name: "bare Node forwarder",
    async start(context) {
      const { url, stop } = await startBareForwarder(context);
      return { send: () => postThread(`${url}/threads`, upstreamHeaders), stop };
    },
  },
  {
    key: "bare-next",
    name: "bare Next.js route handler",
    build: {
      name: "bench/bare-next",
      marker: path.join(BARE_NEXT_DIR, ".next/BUILD_ID"),
      sources: [path.join(BARE_NEXT_DIR, "app"), path.join(BARE_NEXT_DIR, "next.config.mjs"), "package-lock.json"],
      // Webpack: Turbopack, rooted at the worktree so it finds node_modules, would also take
      // the root's src/proxy.ts and src/instrumentation.ts as this app's.
      args: ["--webpack", BARE_NEXT_DIR],
      // The route's client is made when the module loads, which the build may do.
      env: { ...process.env, OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: "http://127.0.0.1:9/v1" },
    },
    async start({ emulator, port, log, remember }) {
      const child = startNodeChild({
        args: [path.resolve("node_modules/next/dist/bin/next"), "start", BARE_NEXT_DIR, "--port", String(port), "--hostname", "127.0.0.1"],
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: emulator.baseURL },
        onLine: (line) => log(`[bare-next] ${line}`),
        onStart: remember,
      });
      const url = `http://127.0.0.1:${port}/threads`;
      await untilReady("The bare Next.js app", child, () => postThread(url, jsonHeaders));
      return { send: () => postThread(url, jsonHeaders), stop: () => stopChild(child) };
    },
  },
  {
    key: "spool",
    name: "Spool `threads.create` (tRPC over HTTP)",
    build: SPOOL_BUILD,
    async start(context) {
      const spool = await startBenchSpool(context, "spool");
      const client = spoolClient(spool.url, () => {});
      const send: Send = async () => {
        const answer = await client.create(createRequestBody({ idempotencyKey: randomUUID(), request: THREAD_REQUEST }));
        if (answer.kind === "created") return null;
        return answer.kind === "transport" ? answer.error : `${answer.status} ${answer.code}: ${answer.message}`;
      };
      return { send, stop: spool.stop };
    },
  },
  {
    key: "gateway",
    name: "official SDK through Spool's `/v1` gateway (`POST /v1/threads`)",
    build: SPOOL_BUILD,
    async start(context) {
      const { client, stop } = await startGatewaySpool(context, "gateway");
      const send: Send = () => sdkCall(async () => (await client.beta.threads.create(THREAD_REQUEST as OpenAI.Beta.ThreadCreateParams)).id);
      return { send, stop };
    },
  },
  // Issue 10's pass-through: the same SDK call, unrecorded, straight to the upstream and
  // through the gateway; the difference is what the gateway adds.
  {
    key: "upstream-get",
    name: "official SDK to the upstream directly (`GET /threads/{id}`)",
    async start({ emulator }) {
      const client = new OpenAI({ baseURL: emulator.baseURL, apiKey: FAKE_KEY, maxRetries: 0, timeout: REQUEST_TIMEOUT_MS });
      const { id } = await client.beta.threads.create(THREAD_REQUEST as OpenAI.Beta.ThreadCreateParams);
      return { send: () => sdkCall(async () => (await client.beta.threads.retrieve(id)).id), stop: async () => {} };
    },
  },
  {
    // Not a target: the floor under the gateway's gap, what any extra hop costs on this host.
    key: "forwarder-get",
    name: "official SDK through the bare Node forwarder (`GET /threads/{id}`)",
    async start(context) {
      const { url, stop } = await startBareForwarder(context);
      try {
        const client = new OpenAI({ baseURL: url, apiKey: FAKE_KEY, maxRetries: 0, timeout: REQUEST_TIMEOUT_MS });
        const { id } = await client.beta.threads.create(THREAD_REQUEST as OpenAI.Beta.ThreadCreateParams);
        return { send: () => sdkCall(async () => (await client.beta.threads.retrieve(id)).id), stop };
      } catch (error) {
        await stop();
        throw error;
      }
    },
  },
  {
    key: "gateway-get",
    name: "official SDK through Spool's `/v1` gateway (`GET /v1/threads/{id}`)",
    build: SPOOL_BUILD,
    async start(context) {
      const { client, stop } = await startGatewaySpool(context, "gateway-get");
      try {
        const { id } = await client.beta.threads.create(THREAD_REQUEST as OpenAI.Beta.ThreadCreateParams);
        return { send: () => sdkCall(async () => (await client.beta.threads.retrieve(id)).id), stop };
      } catch (error) {
        await stop();
        throw error;
      }
    },
  },
];

/** The bare forwarder (bare-forwarder.ts) in front of the emulator, once it answers. */
async function startBareForwarder({ emulator, port, log, remember }: TargetContext): Promise<{ url: string; stop(): Promise<void> }> {
  const child = startTsChild({
    script: "scripts/bench/bare-forwarder.ts",
    args: ["--port", String(port), "--upstream", emulator.baseURL],
    env: process.env,
    onLine: (line) => log(`[forwarder] ${line}`),
    onStart: remember,
  });
  const url = `http://127.0.0.1:${port}`;
  await untilReady("The bare forwarder", child, () => postThread(`${url}/threads`, upstreamHeaders));
  return { url, stop: () => stopChild(child) };
}

/**
 * A production Spool as `npm start` starts it, on its own PostgreSQL (in `name`'s folder), in
 * real-upstream mode against the emulator, its allowances raised for the run: the bench
 * measures the create path, not the limiter's refusals.
 */
async function startBenchSpool({ emulator, port, extraPort, dataDir, log, remember }: TargetContext, name: string) {
  const postgres = await startPostgresProcess(path.join(dataDir, `${name}-postgres`), extraPort, log);
  try {
    const spool = await startSpoolProcess({
      port,
      log: (line) => log(`[${name}] ${line}`),
      onStart: remember,
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        OPENAI_API_KEY: FAKE_KEY,
        OPENAI_BASE_URL: emulator.baseURL,
        SPOOL_CREATE_RATE_LIMIT: "100000000",
        SPOOL_GATEWAY_RATE_LIMIT: "100000000",
        SPOOL_DATA_DIR: dataDir,
        SPOOL_AUTH_PROXY_HEADER: "",
      },
    });
    return {
      url: spool.url,
      databaseUrl: postgres.url,
      async stop() {
        await spool.stop();
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/** A bench Spool with a key made the way a team makes one (`npm run keys -- create`, whose last line is the key), and the official SDK pointed at its `/v1`. */
async function startGatewaySpool(context: TargetContext, name: string): Promise<{ client: OpenAI; stop(): Promise<void> }> {
  const spool = await startBenchSpool(context, name);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/keys.ts", "create", "bench"], {
      env: { ...process.env, DATABASE_URL: spool.databaseUrl },
    });
    const client = new OpenAI({ baseURL: `${spool.url}/v1`, apiKey: stdout.trim().split("\n").at(-1)!, maxRetries: 0, timeout: REQUEST_TIMEOUT_MS });
    return { client, stop: spool.stop };
  } catch (error) {
    await spool.stop();
    throw error;
  }
}

/** One SDK call whose answer is a thread id; resolves to null on success or a short reason. */
async function sdkCall(call: () => Promise<string>): Promise<string | null> {
  try {
    const id = await call();
    return id.startsWith("thread_") ? null : `not a thread: ${id}`;
  } catch (error) {
    return error instanceof Error ? error.message.slice(0, 120) : String(error);
  }
}

const jsonHeaders = { "content-type": "application/json" };
const upstreamHeaders = { ...jsonHeaders, authorization: `Bearer ${FAKE_KEY}`, "openai-beta": "assistants=v2" };

/** POSTs the thread request; a success is a 200 whose body is a thread. */
async function postThread(url: string, headers: Record<string, string>): Promise<string | null> {
  try {
    const response = await fetch(url, { method: "POST", headers, body: THREAD_BODY, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    if (response.status !== 200) return `${response.status}: ${text.slice(0, 120)}`;
    return (JSON.parse(text) as { id?: unknown }).id?.toString().startsWith("thread_") ? null : `200 without a thread: ${text.slice(0, 120)}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Ready when one create succeeds; fails fast if the child dies first. */
async function untilReady(what: string, child: TsChild, probe: Send): Promise<void> {
  const ready = waitFor(what, async () => (await probe()) === null, 60_000);
  const died = child.exited.then((code) => {
    throw new Error(`${what} exited with code ${code} before it was ready`);
  });
  ready.catch(() => {});
  died.catch(() => {});
  try {
    await Promise.race([ready, died]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function stopChild(child: TsChild): Promise<void> {
  child.kill("SIGTERM");
  const exited = await Promise.race([child.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!exited) child.kill("SIGKILL");
}
