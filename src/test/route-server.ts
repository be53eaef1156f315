// The real /api/trpc route handler behind a real socket, as Next.js would serve it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningEmulator } from "~/emulator/server";
import { stampPeerAddress } from "~/server/security/client-address";
import { startTestEmulator, TEST_API_KEY } from "~/test/test-stack";

export type RouteServer = { url: string; close(): Promise<void> };

/** Import after setting process.env: the route reads its configuration once. */
export async function serveTrpcRoute(): Promise<RouteServer> {
  const { POST, GET } = await import("~/app/api/trpc/[trpc]/route");
  const server = http.createServer(async (req, res) => {
    // As Spool's own server does (scripts/next-server.ts).
    stampPeerAddress(req);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
      ),
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await (req.method === "POST" ? POST : GET)(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The route in front of its own emulator, configured as a test asks (sign-in, rate limit). */
export type RouteStack = { emulator: RunningEmulator; server: RouteServer; close(): Promise<void> };

export async function startRouteStack(env: Record<string, string> = {}): Promise<RouteStack> {
  const emulator = await startTestEmulator();
  Object.assign(process.env, { OPENAI_API_KEY: TEST_API_KEY, OPENAI_BASE_URL: emulator.baseURL, OPENAI_TIMEOUT_MS: "5000", ...env });
  const server = await serveTrpcRoute();
  return {
    emulator,
    server,
    close: async () => {
      await server.close();
      await emulator.close();
    },
  };
}
