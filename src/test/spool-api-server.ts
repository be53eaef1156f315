// Spool's API as Spool's HTTP server serves it in production (src/server/spool-request-listener.ts):
// the gateway's pass-through first, then the tRPC endpoint and the recorded /v1 routes, on the
// same request listener and fetch bridge. Next.js is not there: what would go to it gets a 404.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchHandler } from "~/server/http/fetch-bridge";

export type RouteServer = { url: string; close(): Promise<void> };

/** `routed`: every request the recorded /v1 routes served (e.g. `POST /v1/threads`), the pass-through's not. */
export type GatewayServer = RouteServer & { routed: string[] };

/**
 * Import after setting process.env: the routes read their configuration once. `passThrough:
 * false` leaves every `/v1` request to the recorded routes' handler, as a plain `next start`
 * (or `next dev`) would.
 */
export async function serveSpoolApi(options: { passThrough?: boolean } = {}): Promise<GatewayServer> {
  const { serveTrpc } = await import("~/server/http/trpc-endpoint");
  const { handleGatewayRequest } = await import("~/server/gateway/handle-gateway-request");
  const { createPassThrough } = await import("~/server/gateway/pass-through");
  const { spoolRequestListener } = await import("~/server/spool-request-listener");
  const passThrough = options.passThrough === false ? { take: () => false, close: async () => {} } : createPassThrough();
  const routed: string[] = [];
  const gateway: FetchHandler = (request) => {
    routed.push(`${request.method} ${new URL(request.url).pathname}`);
    return handleGatewayRequest(request);
  };
  const notNext = (_request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("Not served by the API (Next.js would serve this)");
  };
  const server = http.createServer(spoolRequestListener({ passThrough, api: { trpc: serveTrpc, gateway } }, notNext));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => void passThrough.close().finally(resolve));
      }),
  };
}
