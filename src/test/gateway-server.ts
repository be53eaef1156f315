// Spool's /v1 as Spool's HTTP server serves it (src/server/spool-request-listener.ts): the
// pass-through first, and the real /v1 route handler where Next.js would be, streaming both
// ways as Next.js does: request bodies reach the handler as they arrive, response chunks leave
// as they are made.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { RouteServer } from "./route-server";

/** `routed`: every request the /v1 route served (`POST /v1/threads`), the pass-through's not. */
export type GatewayServer = RouteServer & { routed: string[] };

/**
 * Import after setting process.env: the route reads its configuration once. `passThrough:
 * false` leaves every request to the route, as a plain `next start` would.
 */
export async function serveGatewayRoute(options: { passThrough?: boolean } = {}): Promise<GatewayServer> {
  const { POST } = await import("~/app/v1/[...path]/route");
  const { createPassThrough } = await import("~/server/gateway/pass-through");
  const { spoolRequestListener } = await import("~/server/spool-request-listener");
  const passThrough = createPassThrough();
  const alone = { take: () => false, close: async () => {} };
  const routed: string[] = [];
  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    routed.push(`${req.method} ${req.url}`);
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
      ),
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: aborted.signal,
      duplex: "half",
    } as RequestInit);
    const response = await POST(request);
    res.writeHead(response.status, [...response.headers].flat());
    if (response.body) {
      try {
        const reader = response.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) res.write(read.value);
      } catch {
        res.destroy();
        return;
      }
    }
    res.end();
  };
  const server = http.createServer(spoolRequestListener(options.passThrough === false ? alone : passThrough, (req, res) => void route(req, res)));
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
