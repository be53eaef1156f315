// `npm run bench:pages`: the JavaScript each page loads (gzip, every script of the first
// load), measured in Chromium against the production build (`npm run build` first), on
// a fresh database with a few threads so every page has something to show.
// Ports: BENCH_PAGES_PORT (default 3199) for Spool, SPOOL_PG_PORT and SPOOL_EMULATOR_PORT
// as for `npm start`.
import { spawn } from "node:child_process";
import { measurePageWeights, pageWeightReport, type PageToWeigh } from "./bench/page-weight";
import { waitFor } from "./faults/child-process";

const say = (line: string) => console.error(`[bench:pages] ${line}`);

async function main() {
  const port = Number(process.env.BENCH_PAGES_PORT ?? 3199);
  const baseURL = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["--no-install", "tsx", "scripts/spool.ts", "start", "--fresh"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SPOOL_DATA_DIR: ".spool/bench-pages",
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitFor("Spool", async () => (await fetch(`${baseURL}/threads`)).ok, 120_000);
    const threadId = await createThread(baseURL);
    const pages: PageToWeigh[] = [
      { path: "/threads", budgetBytes: 160_000 },
      { path: "/threads/new", budgetBytes: 200_000 },
      // With the JSON or Code tab open, the composer has loaded its editor (CodeMirror).
      { path: "/threads/new", tab: "JSON" },
      { path: "/threads/new", tab: "Code" },
      { path: `/threads/${threadId}` },
      { path: "/attempts" },
    ];
    const weights = await measurePageWeights(baseURL, pages);
    console.log(pageWeightReport(weights).replace(threadId, "<id>"));
    if (weights.some((weight) => weight.budgetBytes !== undefined && weight.gzipBytes > weight.budgetBytes)) process.exitCode = 1;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

async function createThread(baseURL: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/trpc/threads.create`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL },
    body: JSON.stringify({
      idempotencyKey: crypto.randomUUID(),
      request: { messages: [{ role: "user", content: "Where is my refund?" }], metadata: { team: "support" } },
    }),
  });
  if (!response.ok) throw new Error(`creating a thread answered ${response.status}: ${await response.text()}`);
  const thread = ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
  say(`measuring with thread ${thread.id}`);
  return thread.id;
}

main().catch((error: unknown) => {
  console.error("[bench:pages] failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
