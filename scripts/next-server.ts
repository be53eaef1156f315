// Spool's HTTP server: Next.js's request handler behind node:http, started by scripts/spool.ts
// (`next-server.ts dev|start <port> <host>`, with register-server-only.mjs imported first). It
// exists for two reasons. It tells the app the socket's peer address, which Next.js's own server
// cannot (a client-sent X-Forwarded-For hides it; the rate limit keys on it,
// src/server/security/client-address.ts). And it serves the API before Next.js, whose request
// handling alone cost more than the database and the upstream together: the `/v1` gateway's
// pass-through always, the tRPC API and the recorded `/v1` routes in production
// (src/server/spool-request-listener.ts). In development Next.js serves those two itself, so an
// edit to a router or service reloads as any other.
import http from "node:http";
import next from "next";
import { createPassThrough } from "../src/server/gateway/pass-through";
import { stampPeerAddress } from "../src/server/security/client-address";
import { spoolRequestListener, type ApiHandlers } from "../src/server/spool-request-listener";

async function main() {
  const [mode, portText, hostname] = process.argv.slice(2);
  if ((mode !== "dev" && mode !== "start") || !portText || !hostname) throw new Error("usage: next-server.ts dev|start <port> <host>");
  const port = Number(portText);
  const app = next({ dev: mode === "dev", hostname, port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const passThrough = createPassThrough();
  const api = mode === "start" ? await apiHandlers() : null;

  const server = http.createServer(spoolRequestListener({ passThrough, api }, (request, response) => void handle(request, response)));
  // Hot reload's websocket in development.
  server.on("upgrade", (request, socket, head) => {
    stampPeerAddress(request);
    void upgrade(request, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`[spool] Next.js ${mode === "dev" ? "development" : "production"} server on ${hostname}:${port}`);

  const stop = () => {
    server.close(() => void Promise.allSettled([app.close(), passThrough.close()]).finally(() => process.exit(0)));
    // In-flight requests get a moment; a stuck keep-alive connection does not hold the exit.
    setTimeout(() => process.exit(0), 5_000).unref();
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Loaded before the server listens, so the first request does not wait for them. */
async function apiHandlers(): Promise<ApiHandlers> {
  const [{ serveTrpc }, { handleGatewayRequest }] = await Promise.all([
    import("../src/server/http/trpc-endpoint"),
    import("../src/server/gateway/handle-gateway-request"),
  ]);
  return { trpc: serveTrpc, gateway: handleGatewayRequest };
}

main().catch((error: unknown) => {
  console.error("[spool] Next.js server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
