// The real /v1 route handler behind a real socket, streaming both ways as Next.js does:
// request bodies reach the handler as they arrive, response chunks leave as they are made.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { RouteServer } from "./route-server";

/** Import after setting process.env: the route reads its configuration once. */
export async function serveGatewayRoute(): Promise<RouteServer> {
  const { POST } = await import("~/app/v1/[...path]/route");
  const server = http.createServer(async (req, res) => {
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
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
