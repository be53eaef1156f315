import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\//, replacement: fileURLToPath(new URL("./src/", import.meta.url)) },
      // "server-only" throws outside React Server Components; tests are server code.
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) },
    ],
  },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./src/test/global-setup.ts"],
    setupFiles: ["./src/test/setup-env.ts"],
    // Integration tests share one Postgres per run; files stay isolated by their own rows.
    fileParallelism: true,
    // Outside watch mode Vitest runs one worker fewer than there are cores: one on the 2-core CI
    // machine, which left a core idle (the unit run took 144 s; with two workers, 95 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
