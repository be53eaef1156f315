// The upstream client on undici's request() (upstream-fetch.ts) must fail as it did on Node's
// fetch: each way a call can end decides whether a thread may exist (UNKNOWN) or certainly
// does not (FAILED), and a safe retry depends on that. Real sockets, no mocks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamError } from "~/server/errors";
import { freePort } from "~/test/free-port";
import { createAssistantsUpstream } from "./assistants-client";

const THREAD = { id: "thread_fetch", object: "thread", created_at: 1_790_000_000, metadata: { team: "a" }, tool_resources: {} };

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function upstreamAnswering(handler: http.RequestListener) {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return createAssistantsUpstream({ apiKey: "sk-test-upstream", baseURL: `http://127.0.0.1:${port}/v1`, timeoutMs: 500 });
}

async function failureOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return (error as UpstreamError).failure;
}

describe("the upstream's answers through upstreamFetch", () => {
  it("sends the SDK's request as the SDK made it and reads the thread back", async () => {
    let seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string } | null = null;
    const upstream = await upstreamAnswering((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_1" });
        res.end(JSON.stringify(THREAD));
      });
    });
    const thread = await upstream.createThread({ messages: [{ role: "user", content: "héllo" }], metadata: { team: "a" } });
    expect(thread.id).toBe("thread_fetch");
    expect(seen!.method).toBe("POST");
    expect(seen!.url).toBe("/v1/threads");
    expect(seen!.headers.authorization).toBe("Bearer sk-test-upstream");
    expect(seen!.headers["openai-beta"]).toBe("assistants=v2");
    expect(JSON.parse(seen!.body)).toEqual({ messages: [{ role: "user", content: "héllo" }], metadata: { team: "a" } });
  });

  it("decodes a gzip-compressed answer, as fetch does", async () => {
    const upstream = await upstreamAnswering((req, res) => {
      expect(req.headers["accept-encoding"]).toContain("gzip");
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(JSON.stringify(THREAD)));
    });
    expect((await upstream.retrieveThread("thread_fetch")).metadata).toEqual({ team: "a" });
  });

  it("reports an upstream error status with the upstream's message, FAILED for a 4xx", async () => {
    const upstream = await upstreamAnswering((req, res) => {
      req.resume();
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "metadata is wrong", type: "invalid_request_error", param: "metadata", code: null } }));
    });
    const failure = await failureOf(upstream.createThread({}));
    expect(failure).toMatchObject({ outcome: "FAILED", status: 400 });
    expect(failure.message).toMatch(/metadata is wrong/);
  });

  it("a refused connection is FAILED: nothing was sent", async () => {
    const port = await freePort();
    const upstream = createAssistantsUpstream({ apiKey: "sk-test-upstream", baseURL: `http://127.0.0.1:${port}/v1`, timeoutMs: 500 });
    const failure = await failureOf(upstream.createThread({}));
    expect(failure.outcome).toBe("FAILED");
    expect(failure.message).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it("no answer within the timeout is UNKNOWN: the thread may exist", async () => {
    const upstream = await upstreamAnswering((req) => req.resume());
    const failure = await failureOf(upstream.createThread({}));
    expect(failure.outcome).toBe("UNKNOWN");
    expect(failure.message).toMatch(/did not answer in time/);
  });

  it("a connection cut after the request arrived is UNKNOWN", async () => {
    const upstream = await upstreamAnswering((req) => {
      req.on("end", () => req.socket.destroy());
      req.resume();
    });
    const failure = await failureOf(upstream.createThread({}));
    expect(failure.outcome).toBe("UNKNOWN");
    expect(failure.message).toMatch(/may or may not have been created/);
  });

  it("an answer cut midway is UNKNOWN, never a thread read from half a body", async () => {
    const upstream = await upstreamAnswering((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write(JSON.stringify(THREAD).slice(0, 40));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const failure = await failureOf(upstream.createThread({}));
    expect(failure.outcome).toBe("UNKNOWN");
  });

  it("never puts the upstream key in a failure's message", async () => {
    const upstream = await upstreamAnswering((req, res) => {
      req.resume();
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: sk-test-upstream`, type: "invalid_request_error" } }));
    });
    const failure = await failureOf(upstream.createThread({}));
    expect(failure).toMatchObject({ outcome: "FAILED", status: 401 });
    expect(failure.message).not.toContain("sk-test-upstream");
  });
});
