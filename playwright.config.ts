import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { APP_PORT, EMULATOR_PORT, PG_PORT } from "./e2e/support/ports";

// Playwright cannot download its own browsers on every machine Spool is tested on;
// Debian's Chromium is used when present.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Room for a shared 2-core machine under load (the composer's first render took over 10 s
  // at a load average of 30); budgets for waiting, never assertions about speed.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: existsSync(SYSTEM_CHROMIUM)
          ? {
              executablePath: SYSTEM_CHROMIUM,
              args: [
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
              ],
            }
          : {},
      },
    },
  ],
  // The production build (`npm run build` runs first in `npm test`), on a fresh
  // database, against the built-in emulator.
  webServer: {
    command: "npx tsx scripts/spool.ts start --fresh",
    url: `http://127.0.0.1:${APP_PORT}/threads`,
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    env: {
      PORT: String(APP_PORT),
      HOST: "127.0.0.1",
      SPOOL_DATA_DIR: ".spool/e2e",
      SPOOL_PG_PORT: String(PG_PORT),
      SPOOL_EMULATOR_PORT: String(EMULATOR_PORT),
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
