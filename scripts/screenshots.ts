// `npm run screenshots`: every page of Spool at 1280 px and 390 px, light and dark, as PNGs in
// .spool/screenshots (git-ignored), to look at before calling a page finished. Against the
// production build (`npm run build` first), on a fresh database and emulator it starts itself:
// the empty list first, then a few threads, a conversation and a failed attempt.
// Ports: SCREENSHOTS_PORT (default 3198) for Spool, SPOOL_PG_PORT and SPOOL_EMULATOR_PORT as
// for `npm start`. `-- --only threads-new` keeps the shots whose name starts with that.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { waitFor } from "./faults/child-process";

const OUT_DIR = path.resolve(".spool/screenshots");
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const VIEWPORTS = [
  { name: "1280", width: 1280, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;
const SCHEMES = ["light", "dark"] as const;

type Shot = { name: string; path: string; prepare?: (page: Page) => Promise<void> };

const say = (line: string) => console.error(`[screenshots] ${line}`);

async function main() {
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const port = Number(process.env.SCREENSHOTS_PORT ?? 3198);
  const emulatorPort = Number(process.env.SPOOL_EMULATOR_PORT ?? 4398);
  const baseURL = `http://127.0.0.1:${port}`;
  if (!only) rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });

  const server = spawn("npx", ["--no-install", "tsx", "scripts/spool.ts", "start", "--fresh"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SPOOL_DATA_DIR: ".spool/screenshots-data",
      SPOOL_EMULATOR_PORT: String(emulatorPort),
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = () => server.pid && process.kill(-server.pid, "SIGTERM");
  process.once("SIGINT", () => {
    stop();
    process.exit(130);
  });
  const browser = await chromium.launch({
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    await waitFor("Spool", async () => (await fetch(`${baseURL}/threads`)).ok, 120_000);
    const take = async (shots: Shot[]) => {
      for (const shot of shots.filter(({ name }) => !only || name.startsWith(only))) {
        for (const scheme of SCHEMES) {
          for (const viewport of VIEWPORTS) {
            const context = await browser.newContext({ viewport, colorScheme: scheme, baseURL });
            const page = await context.newPage();
            await page.goto(shot.path, { waitUntil: "networkidle" });
            await shot.prepare?.(page);
            const file = `${shot.name}-${viewport.name}-${scheme}.png`;
            await page.screenshot({ path: path.join(OUT_DIR, file), fullPage: true });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            say(`${file}${overflow > 0 ? `  (scrolls sideways by ${overflow} px)` : ""}`);
            await context.close();
          }
        }
      }
    };

    // Before any thread exists.
    await take([{ name: "threads-empty", path: "/threads" }]);

    const api = spoolApi(baseURL);
    const conversation = await api.create({
      messages: [
        { role: "user", content: "Where is my refund for order #4821? It has been two weeks since I sent the parcel back." },
        {
          role: "assistant",
          content: "I can see the return arrived on 14 November. The refund was issued today and should reach your card within five working days.",
        },
        {
          role: "user",
          content: [
            { type: "text", text: "Thanks! Here is the receipt, in case it helps." },
            { type: "image_url", image_url: { url: "https://example.invalid/receipt.png", detail: "low" } },
          ],
        },
      ],
      metadata: { team: "support", customer: "cus_01234", priority: "high" },
    });
    await api.create({ messages: [{ role: "user", content: "Reset the webhook secret for the staging project" }], metadata: { team: "platform", env: "staging" } });
    await api.create({ messages: [{ role: "user", content: "Summarise the Q3 churn report in five bullet points" }], metadata: { team: "growth" } });
    await api.create({ metadata: { team: "support" } });
    // A deleted thread, which the list shows when asked.
    await api.delete(await api.create({ messages: [{ role: "user", content: "Cancel the duplicate invoice INV-2209" }], metadata: { team: "billing" } }));
    // A failed create, so the Attempts page has something to act on.
    await api.fault(emulatorPort, { kind: "status", status: 500, when: "before", method: "POST", path: "/v1/threads" });
    await api.create({ messages: [{ role: "user", content: "Draft a reply about the delayed shipment" }], metadata: { team: "support" } }, false);

    const tab = (name: string) => async (page: Page) => {
      await page.getByRole("tab", { name }).click();
      // The code view is its own chunk, loaded when its tab opens.
      await page.getByText("Loading the code view…").waitFor({ state: "detached" });
      await page.waitForLoadState("networkidle");
    };
    await take([
      { name: "threads", path: "/threads" },
      { name: "threads-filtered", path: "/threads?q=refun&meta.team=support" },
      { name: "threads-deleted", path: "/threads?deleted=include" },
      { name: "threads-new-form", path: "/threads/new" },
      { name: "threads-new-json", path: "/threads/new", prepare: tab("JSON") },
      { name: "threads-new-code", path: "/threads/new", prepare: tab("Code") },
      { name: "thread", path: `/threads/${conversation}`, prepare: (page) => page.getByTestId("messages").waitFor() },
      { name: "attempts", path: "/attempts" },
      { name: "api-keys", path: "/settings/api-keys" },
      { name: "error-filters", path: "/threads?from=yesterday" },
      { name: "error-not-found", path: "/threads/thread_doesnotexist0000000000" },
    ]);
    say(`written to ${path.relative(process.cwd(), OUT_DIR)}`);
  } finally {
    await browser.close();
    stop();
  }
}

function spoolApi(baseURL: string) {
  return {
    async create(request: Record<string, unknown>, mustSucceed = true): Promise<string> {
      const response = await fetch(`${baseURL}/api/trpc/threads.create`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseURL },
        body: JSON.stringify({ idempotencyKey: crypto.randomUUID(), request }),
      });
      if (!mustSucceed) return "";
      if (!response.ok) throw new Error(`creating a thread answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
    },
    async delete(id: string): Promise<void> {
      const response = await fetch(`${baseURL}/api/trpc/threads.delete`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseURL },
        body: JSON.stringify({ id }),
      });
      if (!response.ok) throw new Error(`deleting a thread answered ${response.status}: ${await response.text()}`);
    },
    async fault(emulatorPort: number, fault: Record<string, unknown>) {
      const response = await fetch(`http://127.0.0.1:${emulatorPort}/__emulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(fault),
      });
      if (!response.ok) throw new Error(`the emulator refused the fault: ${response.status}`);
    },
  };
}

main().catch((error: unknown) => {
  console.error("[screenshots] failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
