import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FetchHandler } from "~/server/http/fetch-bridge";
import { spoolRequestListener } from "./spool-request-listener";

/** A handler that answers only when told, and says what became of its request's signal meanwhile. */
function heldHandler() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached: (request: Request) => void = () => {};
  const reachedIt = new Promise<Request>((resolve) => (reached = resolve));
  const handler: FetchHandler = async (request) => {
    reached(request);
    await released;
    return new Response("done");
  };
  return { handler, reached: reachedIt, release };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(api: { trpc: FetchHandler; gateway: FetchHandler }): Promise<string> {
  const passThrough = { take: () => false, close: async () => {} };
  const server = http.createServer(spoolRequestListener({ passThrough, api }, (_request, response) => response.writeHead(404).end()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends a request and leaves once the handler has it. */
async function leaveDuring(url: string, method: string, held: ReturnType<typeof heldHandler>): Promise<Request> {
  const sent = http.request(url, { method, headers: { "content-type": "application/json" } });
  sent.on("error", () => {});
  sent.end(method === "POST" ? "{}" : undefined);
  const request = await held.reached;
  sent.destroy();
  // The server sees the socket close after a loopback round trip.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return request;
}

describe("spoolRequestListener: a caller that leaves", () => {
  it("aborts a recorded /v1 route's request signal, so its upstream request is cut", async () => {
    const gateway = heldHandler();
    const url = await serve({ trpc: heldHandler().handler, gateway: gateway.handler });
    const request = await leaveDuring(`${url}/v1/threads`, "POST", gateway);
    expect(request.signal.aborted).toBe(true);
    gateway.release();
  });

  it("does not abort a tRPC call: a create or an import whose page closed still finishes and is recorded", async () => {
    const trpc = heldHandler();
    const url = await serve({ trpc: trpc.handler, gateway: heldHandler().handler });
    const request = await leaveDuring(`${url}/api/trpc/threads.create`, "POST", trpc);
    expect(request.signal.aborted).toBe(false);
    trpc.release();
  });
});
