// The tRPC endpoint in front of its own emulator, served as Spool's HTTP server serves it.
import type { RunningEmulator } from "~/emulator/server";
import { serveSpoolApi, type RouteServer } from "~/test/spool-api-server";
import { startTestEmulator, TEST_API_KEY } from "~/test/test-stack";

export type { RouteServer };

/** The route in front of its own emulator, configured as a test asks (sign-in, rate limit). */
export type RouteStack = { emulator: RunningEmulator; server: RouteServer; close(): Promise<void> };

export async function startRouteStack(env: Record<string, string> = {}): Promise<RouteStack> {
  const emulator = await startTestEmulator();
  Object.assign(process.env, { OPENAI_API_KEY: TEST_API_KEY, OPENAI_BASE_URL: emulator.baseURL, OPENAI_TIMEOUT_MS: "5000", ...env });
  const server = await serveSpoolApi();
  return {
    emulator,
    server,
    close: async () => {
      await server.close();
      await emulator.close();
    },
  };
}
