// Spool's HTTP server: Next.js's request handler behind node:http, started by scripts/spool.ts
// (`next-server.ts dev|start <port> <host>`). It exists for one reason: to tell the app
// the socket's peer address, which Next.js's own server cannot (a client-sent
// X-Forwarded-For hides it); the rate limit keys on it (src/server/security/client-address.ts).
import http from "node:http";
import next from "next";
import { stampPeerAddress } from "../src/server/security/client-address";

async function main() {
  const [mode, portText, hostname] = process.argv.slice(2);
  if ((mode !== "dev" && mode !== "start") || !portText || !hostname) throw new Error("usage: next-server.ts dev|start <port> <host>");
  const port = Number(portText);
  const app = next({ dev: mode === "dev", hostname, port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const server = http.createServer((request, response) => {
    stampPeerAddress(request);
    void handle(request, response);
  });
  // Hot reload's websocket in development.
  server.on("upgrade", (request, socket, head) => {
    stampPeerAddress(request);
    void upgrade(request, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`[spool] Next.js ${mode === "dev" ? "development" : "production"} server on ${hostname}:${port}`);

  const stop = () => {
    server.close(() => void app.close().finally(() => process.exit(0)));
    // In-flight requests get a moment; a stuck keep-alive connection does not hold the exit.
    setTimeout(() => process.exit(0), 5_000).unref();
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("[spool] Next.js server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
