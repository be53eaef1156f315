// The gateway's pass-through as Spool's HTTP server serves it, before Next.js
// (src/server/spool-request-listener.ts): the key checked before anything but a read started
// ahead goes upstream, and no answer passed on before it, requests and answers passed on as
// they are (but Spool's upstream key, masked), streams never held, and the recorded requests
// still reaching the /v1 route.
import http from "node:http";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKeySecret } from "~/server/api-keys/api-key-secret";
import { createApiKey, revokeApiKey } from "~/server/api-keys/api-key-service";
import { allowanceOf } from "~/server/gateway/gateway-context";
import { MAX_AHEAD } from "~/server/gateway/read-ahead";
import { UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { serveSpoolApi, type GatewayServer } from "~/test/spool-api-server";
import { nonce, TEST_API_KEY, testDb, testLimitPool } from "~/test/test-stack";

// Enough for every test's calls on its key; the allowance test uses the rest up first.
const CALLS_PER_MINUTE = 40;

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: Buffer };

/** A test upstream that keeps what it receives and answers as each test needs, streams included. */
const seen: Seen[] = [];
const streamGate: { open?: () => void } = {};
const slowGate: { open?: () => void } = {};
const servedOn = new WeakSet<object>();
const upload: { started?: () => void; finished?: (bytes: number) => void } = {};
let upstream: http.Server;
let spool: GatewayServer;
let routeOnly: GatewayServer;
let keyName: string;
let spoolKey: string;

const THREAD = { id: "thread_fast", object: "thread", created_at: 1_700_000_000, metadata: { stage: "one" }, tool_resources: {} };

function answer(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
  const path = req.url ?? "";
  if (req.method === "GET" && path.startsWith("/v1/threads/thread_fast")) {
    res.setHeader("set-cookie", "upstream_session=1");
    res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_fast", "x-ratelimit-remaining-requests": "41", "openai-processing-ms": "3" });
    res.end(JSON.stringify(THREAD));
  } else if (req.method === "GET" && path.startsWith("/v1/threads/thread_echo")) {
    // A careless upstream that quotes the key it was sent in its refusal.
    const refusal = Buffer.from(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization?.slice(7)}.`, type: "invalid_request_error", param: null, code: "invalid_api_key" } }));
    const coding = path.endsWith("_gz") ? "gzip" : path.endsWith("_br") ? "br" : null;
    res.writeHead(401, { "content-type": "application/json", "x-request-id": "req_echo", ...(coding ? { "content-encoding": coding } : {}) });
    res.end(coding === "gzip" ? gzipSync(refusal) : coding === "br" ? brotliCompressSync(refusal) : refusal);
  } else if (req.method === "GET" && path === "/v1/threads/thread_empty_gz") {
    res.writeHead(401, { "content-encoding": "gzip", "content-length": "0" }).end();
  } else if (req.method === "GET" && path === "/v1/threads/thread_slow") {
    // Answers only when the test says so.
    void new Promise<void>((resolve) => (slowGate.open = resolve)).then(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(THREAD)));
  } else if (req.method === "GET" && path === "/v1/threads/thread_fresh") {
    // An upstream that closes a kept-alive connection as the next request arrives on it.
    if (servedOn.has(req.socket)) return void req.socket.destroy();
    servedOn.add(req.socket);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...THREAD, id: "thread_fresh" }));
  } else if (req.method === "GET" && path === "/v1/threads/thread_cut") {
    req.socket.destroy();
  } else if (req.method === "POST" && path === "/v1/threads") {
    const sent = JSON.parse(body.toString()) as { metadata?: Record<string, string> };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...THREAD, id: `thread_${nonce()}`, metadata: sent.metadata ?? {} }));
  } else if (req.method === "POST" && /^\/v1\/threads\/[^/]+\/runs$/.test(path)) {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(`event: thread.run.created\ndata: ${JSON.stringify({ id: "run_1", object: "thread.run", status: "queued" })}\n\n`);
    // The rest only once the first event has reached the SDK: a buffered stream never gets there.
    new Promise<void>((resolve) => (streamGate.open = resolve)).then(() => {
      res.write(`event: thread.run.completed\ndata: ${JSON.stringify({ id: "run_1", object: "thread.run", status: "completed" })}\n\n`);
      res.end("event: done\ndata: [DONE]\n\n");
    });
  } else {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "No such route.", type: "invalid_request_error", param: null, code: null } }));
  }
}

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    const entry: Seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.alloc(0) };
    seen.push(entry);
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (req.url === "/v1/files") {
        if (size === 0) upload.started?.();
        size += chunk.byteLength;
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      entry.body = Buffer.concat(chunks);
      if (req.url === "/v1/files") {
        upload.finished?.(size);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "file-1", object: "file", bytes: size }));
      } else answer(req, res, entry.body);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const { port } = upstream.address() as AddressInfo;
  Object.assign(process.env, { OPENAI_API_KEY: TEST_API_KEY, OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_TIMEOUT_MS: "5000", SPOOL_GATEWAY_RATE_LIMIT: String(CALLS_PER_MINUTE) });
  spool = await serveSpoolApi();
  routeOnly = await serveSpoolApi({ passThrough: false });
  keyName = `fast-${nonce()}`;
  spoolKey = (await createApiKey(testDb(), { name: keyName, createdBy: "ada" })).secret;
});

afterAll(async () => {
  await spool?.close();
  await routeOnly?.close();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** What the limiter holds for these keys' allowances (rate-limiter-flexible's rows, its `upstream:` prefix included). */
async function allowanceRows(keys: string[]): Promise<{ points: number }[]> {
  const { rows } = await testLimitPool().query<{ points: number }>("SELECT points FROM rate_limits WHERE key = ANY($1)", [keys.map((key) => `upstream:${allowanceOf(key)}`)]);
  return rows;
}

const sdk = (key = spoolKey, server = spool) => new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });

describe("the key", () => {
  it("refuses a missing, wrong or revoked key with the route's 401, never showing the upstream's answer, and never echoes it", async () => {
    const name = `revoked-${nonce()}`;
    const { secret } = await createApiKey(testDb(), { name, createdBy: null });
    expect((await sdk(secret).beta.threads.retrieve("thread_fast")).id).toBe("thread_fast");
    await revokeApiKey(testDb(), { name, revokedBy: "ada" });

    const before = seen.length;
    let afterFirst = before;
    for (const round of [1, 2]) {
      for (const authorization of [undefined, "Bearer spool_not-a-real-key", `Bearer ${secret}`]) {
        const headers = authorization ? { authorization } : undefined;
        const fast = await fetch(`${spool.url}/v1/threads/thread_fast`, { headers });
        const route = await fetch(`${routeOnly.url}/v1/threads/thread_fast`, { headers });
        expect({ round, status: fast.status }).toEqual({ round, status: 401 });
        const body = await fast.text();
        expect(JSON.parse(body)).toEqual({ error: { message: expect.stringMatching(/API key/), type: "invalid_request_error", param: null, code: authorization ? "invalid_api_key" : null } });
        // Word for word what the /v1 route answers, with the same headers an SDK reads.
        expect(body).toBe(await route.text());
        expect(fast.headers.get("content-type")).toBe(route.headers.get("content-type"));
        expect(fast.headers.get("x-content-type-options")).toBe("nosniff");
        expect(body).not.toContain(secret);
      }
      // The key was admitted a moment before its revoke, so its first read may have started
      // upstream before the check answered (read-ahead.ts); the refusal forgot it at once.
      // Nothing after that.
      if (round === 1) expect(seen.length - before).toBeLessThanOrEqual(1);
      else expect(seen.length).toBe(afterFirst);
      afterFirst = seen.length;
    }
    await expect(sdk(secret).beta.threads.retrieve("thread_fast")).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect(seen.length).toBe(afterFirst);
    // All answered by the pass-through itself.
    expect(spool.routed).toEqual([]);
  });

  it("keeps the key's last-used time, as the route does", async () => {
    const { key, secret } = await createApiKey(testDb(), { name: `used-${nonce()}`, createdBy: null });
    await sdk(secret).beta.threads.retrieve("thread_fast");
    const stored = await testDb().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true } });
    expect(stored.lastUsedAt).toBeInstanceOf(Date);
  });

  it("draws nothing for an unknown or revoked key: a 401 even past a real allowance's count, and no allowance row added", async () => {
    const name = `gone-${nonce()}`;
    const { secret: revoked } = await createApiKey(testDb(), { name, createdBy: null });
    await revokeApiKey(testDb(), { name, revokedBy: "ada" });
    // Shaped as issued keys are, or the lookup would not even be tried.
    const invented = Array.from({ length: 6 }, () => newApiKeySecret());
    const keys = [revoked, ...invented];
    // Two of them already past the allowance, as if another instance had counted their calls.
    const limit = new UpstreamCallLimit(testLimitPool(), CALLS_PER_MINUTE);
    for (const key of [revoked, invented[0]!]) for (let used = 0; used < CALLS_PER_MINUTE; used++) await limit.consume(allowanceOf(key));

    const before = seen.length;
    const answers = await Promise.all(keys.map((key) => fetch(`${spool.url}/v1/threads/thread_fast`, { headers: { authorization: `Bearer ${key}` } })));
    expect(answers.map((answer) => answer.status)).toEqual(keys.map(() => 401));
    expect(seen.length).toBe(before);
    // The two counts as they were; no row for the other five.
    expect(await allowanceRows(keys)).toEqual([{ points: CALLS_PER_MINUTE }, { points: CALLS_PER_MINUTE }]);
  });
});

describe("transparency", () => {
  it("sends the upstream what the caller sent but the key, and answers what the upstream answered, as the route does", async () => {
    const headers = {
      authorization: `Bearer ${spoolKey}`,
      "openai-beta": "assistants=v2",
      "openai-organization": "org-1",
      "x-stainless-retry-count": "0",
      "x-custom": "one",
      "x-forwarded-for": "203.0.113.9",
      cookie: "spool_session=secret",
    };
    const fast = await fetch(`${spool.url}/v1/threads/thread_fast?include=x&limit=2`, { headers });
    const got = seen.at(-1)!;
    const route = await fetch(`${routeOnly.url}/v1/threads/thread_fast?include=x&limit=2`, { headers });
    const viaRoute = seen.at(-1)!;

    expect(got.url).toBe("/v1/threads/thread_fast?include=x&limit=2");
    expect(got.headers).toMatchObject({ authorization: `Bearer ${TEST_API_KEY}`, "openai-beta": "assistants=v2", "openai-organization": "org-1", "x-stainless-retry-count": "0", "x-custom": "one" });
    for (const dropped of ["cookie", "x-forwarded-for", "x-spool-peer-address"]) expect(got.headers[dropped]).toBeUndefined();
    expect(JSON.stringify(got.rawHeaders)).not.toContain("spool_");
    // The route's fetch adds its own accept-encoding, user agent and the like; the caller's own headers agree.
    for (const name of Object.keys(headers)) expect({ name, value: got.headers[name] }).toEqual({ name, value: viaRoute.headers[name] });

    expect(fast.status).toBe(200);
    const body = await fast.text();
    expect(body).toBe(JSON.stringify(THREAD));
    expect(body).toBe(await route.text());
    for (const name of ["content-type", "x-request-id", "x-ratelimit-remaining-requests", "openai-processing-ms", "set-cookie"]) {
      expect({ name, value: fast.headers.get(name) }).toEqual({ name, value: route.headers.get(name) });
    }
    expect(fast.headers.get("set-cookie")).toBeNull();
    // What next.config.mjs adds to every answer of Spool's, the route's included.
    expect(fast.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("passes an event stream on event by event, never held until it ends", async () => {
    const stream = await sdk().beta.threads.runs.create("thread_fast", { assistant_id: "asst_1", stream: true });
    const events: string[] = [];
    for await (const event of stream) {
      events.push(event.event);
      // The upstream sends the rest only after this: a buffered stream would never end.
      if (event.event === "thread.run.created") streamGate.open!();
    }
    expect(events).toEqual(["thread.run.created", "thread.run.completed"]);
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/v1/threads/thread_fast/runs" });
  });

  it("streams an upload: the upstream receives its start before the caller has sent the rest", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "u");
    const started = new Promise<void>((resolve) => (upload.started = resolve));
    const finished = new Promise<number>((resolve) => (upload.finished = resolve));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // After the first MiB the caller waits for the upstream to have it: a pass-through
        // holding the body until it ends would wait forever.
        if (sent === 1) await started;
        if (sent === 8) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const answered = await fetch(`${spool.url}/v1/files`, {
      method: "POST",
      headers: { authorization: `Bearer ${spoolKey}`, "content-type": "application/octet-stream" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ id: "file-1", object: "file", bytes: 8 * chunk.byteLength });
    expect(await finished).toBe(8 * chunk.byteLength);
    expect(seen.at(-1)!.headers["transfer-encoding"]).toBe("chunked");
  });

  it("refuses an upload declared past the limit with the route's 413, sending nothing upstream nor drawing on the allowance", async () => {
    const before = seen.length;
    const drawnBefore = await allowanceRows([spoolKey]);
    const { status, body, headers } = await new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const request = http.request(`${spool.url}/v1/files`, {
        method: "POST",
        headers: { authorization: `Bearer ${spoolKey}`, "content-length": String(600 * 1024 * 1024), "content-type": "application/octet-stream" },
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (data: Buffer) => chunks.push(data));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: response.headers }));
      });
      request.on("error", reject);
      request.write("x");
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toMatchObject({ type: "invalid_request_error", code: "payload_too_large", message: expect.stringMatching(/536870912 bytes/) });
    expect(headers.connection).toBe("close");
    expect(seen.length).toBe(before);
    expect(await allowanceRows([spoolKey])).toEqual(drawnBefore);
  });

  it("masks Spool's upstream key in an upstream error answer that quotes it, plain or compressed, as the route does", async () => {
    for (const id of ["thread_echo", "thread_echo_gz", "thread_echo_br"]) {
      // Only codings Spool can decode go upstream, so that it can search what comes back.
      const headers = { authorization: `Bearer ${spoolKey}`, "accept-encoding": "zstd, gzip;q=0.8, br" };
      const fast = await fetch(`${spool.url}/v1/threads/${id}`, { headers });
      expect(seen.at(-1)!.headers["accept-encoding"]).toBe("gzip;q=0.8, br");
      const route = await fetch(`${routeOnly.url}/v1/threads/${id}`, { headers });
      expect(seen.at(-1)!.headers["accept-encoding"]).toBe("gzip;q=0.8, br");
      expect(seen.at(-1)!.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
      expect({ id, status: fast.status, route: route.status }).toEqual({ id, status: 401, route: 401 });
      const body = await fast.text();
      expect(JSON.parse(body).error).toEqual({ message: "Incorrect API key provided: [redacted].", type: "invalid_request_error", param: null, code: "invalid_api_key" });
      expect(body).toBe(await route.text());
      expect(fast.headers.get("x-request-id")).toBe("req_echo");
      expect(Number(fast.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    }
    const error = await sdk().beta.threads.retrieve("thread_echo_gz").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
    expect((error as Error).message).toContain("[redacted]");
    // An empty error answer said to be compressed is passed on empty, not cut.
    const empty = await fetch(`${spool.url}/v1/threads/thread_empty_gz`, { headers: { authorization: `Bearer ${spoolKey}` } });
    expect(empty.status).toBe(401);
    expect(await empty.text()).toBe("");
  });

  it("sends a read again, once, on a new connection when the kept-alive one was closed as it was sent", async () => {
    const before = seen.length;
    for (let i = 0; i < 3; i++) expect((await sdk().beta.threads.retrieve("thread_fresh")).id).toBe("thread_fresh");
    // Every read after the first met a closed connection and went again.
    expect(seen.length - before).toBeGreaterThanOrEqual(5);
  });

  it("answers 502 in the contract's shape when the upstream drops the connection", async () => {
    const error = await sdk().beta.threads.retrieve("thread_cut").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(502);
    expect((error as Error).message).toMatch(/could not reach the upstream/);
    expect((error as Error).message).not.toContain(TEST_API_KEY);
  });
});

describe("reads started before the key's check answers (read-ahead.ts)", () => {
  /**
   * Holds the key's allowance row in a transaction of another connection, so the pass-through's
   * draw (and with it the whole check) waits until `release` (rollback) or `spend` (the
   * allowance used up by another instance, committed).
   */
  async function holdAllowance(secret: string) {
    const client = await testLimitPool().connect();
    const row = `upstream:${allowanceOf(secret)}`;
    await client.query("BEGIN");
    await client.query("INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2) ON CONFLICT (key) DO UPDATE SET points = rate_limits.points", [row, Date.now() + 60_000]);
    const end = async (sql: string) => {
      try {
        await client.query(sql, sql.startsWith("UPDATE") ? [row, CALLS_PER_MINUTE] : undefined);
        if (sql.startsWith("UPDATE")) await client.query("COMMIT");
      } finally {
        client.release();
      }
    };
    return { release: () => end("ROLLBACK"), spend: () => end("UPDATE rate_limits SET points = $2 WHERE key = $1") };
  }

  const untilSeen = async (count: number) => {
    for (let waited = 0; seen.length < count; waited += 10) {
      if (waited > 5_000) throw new Error(`the upstream saw ${seen.length} requests, not ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const settledWithin = (promise: Promise<unknown>, ms: number) =>
    Promise.race([promise.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
  const read = (secret: string, thread = "thread_fast") => fetch(`${spool.url}/v1/threads/${thread}`, { headers: { authorization: `Bearer ${secret}` } });

  /** A key admitted by one read, its allowance row then held, and a second read already upstream while its check waits. */
  async function readHeldAhead(name: string, thread = "thread_fast") {
    const { secret } = await createApiKey(testDb(), { name: `${name}-${nonce()}`, createdBy: null });
    expect((await read(secret)).status).toBe(200);
    const hold = await holdAllowance(secret);
    const before = seen.length;
    const answer = read(secret, thread);
    await untilSeen(before + 1);
    return { secret, hold, before, answer };
  }

  it("sends a read of a key admitted a moment ago upstream at once, and passes its answer on only once the key is admitted again", async () => {
    const { secret, hold, answer } = await readHeldAhead("ahead");
    expect(seen.at(-1)).toMatchObject({ method: "GET", url: "/v1/threads/thread_fast" });
    // The upstream has answered; the caller still waits for the database.
    expect(await settledWithin(answer, 300)).toBe(false);
    await hold.release();
    const answered = await answer;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual(THREAD);
    expect(await allowanceRows([secret])).toEqual([{ points: 2 }]);
  });

  it("replaces the held answer with the 429 when the allowance ran out meanwhile, and waits for the database from then on", async () => {
    const { secret, hold, before, answer } = await readHeldAhead("spent");
    await hold.spend();
    const refused = await answer;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refused.text();
    expect(JSON.parse(body).error).toMatchObject({ type: "rate_limit_exceeded", message: expect.stringMatching(/per Spool key/) });
    expect(body).not.toContain("thread_fast");
    // Forgotten: the next read is refused before anything goes upstream.
    const next = await read(secret);
    expect(next.status).toBe(429);
    expect(seen.length).toBe(before + 1);
  });

  it(`keeps at most ${MAX_AHEAD} of a key's reads ahead of their checks, whatever arrives at once`, async () => {
    const { secret } = await createApiKey(testDb(), { name: `burst-${nonce()}`, createdBy: null });
    expect((await read(secret)).status).toBe(200);
    const hold = await holdAllowance(secret);
    const before = seen.length;
    const answers = Array.from({ length: 2 * MAX_AHEAD }, () => read(secret));
    await untilSeen(before + MAX_AHEAD);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.length).toBe(before + MAX_AHEAD);
    await hold.release();
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(seen.length).toBe(before + 2 * MAX_AHEAD);
  });

  it("answers a refusal at once, never waiting for the upstream's answer to a read started ahead", async () => {
    const { hold, answer } = await readHeldAhead("slow", "thread_slow");
    await hold.spend();
    // The upstream has not answered, and will not until the gate opens.
    expect(await settledWithin(answer, 5_000)).toBe(true);
    expect((await answer).status).toBe(429);
    slowGate.open!();
  });

  it("never starts early for a key this instance has not admitted, nor for anything but a read", async () => {
    const { secret } = await createApiKey(testDb(), { name: `fresh-${nonce()}`, createdBy: null });
    // First use: the check answers before anything goes upstream.
    let hold = await holdAllowance(secret);
    let before = seen.length;
    let answer = read(secret);
    expect(await settledWithin(answer, 300)).toBe(false);
    expect(seen.length).toBe(before);
    await hold.release();
    expect((await answer).status).toBe(200);
    expect(seen.length).toBe(before + 1);

    // Admitted now; a POST (here one the upstream does not know) still waits for its check.
    hold = await holdAllowance(secret);
    before = seen.length;
    answer = fetch(`${spool.url}/v1/assistants`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: "{}" });
    expect(await settledWithin(answer, 300)).toBe(false);
    expect(seen.length).toBe(before);
    await hold.release();
    expect((await answer).status).toBe(404);
    expect(seen.length).toBe(before + 1);
  });
});

describe("what stays with the /v1 route", () => {
  it("records a create through the same server; creates and pass-throughs draw from one allowance per key", async () => {
    const { key, secret } = await createApiKey(testDb(), { name: `busy-${nonce()}`, createdBy: null });
    const tag = nonce();
    const thread = await sdk(secret).beta.threads.create({ metadata: { tag } });
    expect(await testDb().thread.findUniqueOrThrow({ where: { id: thread.id }, select: { createdBy: true } })).toEqual({ createdBy: key.name });
    expect(spool.routed).toEqual(["POST /v1/threads"]);

    // The create took one call; another instance's limiter on the same table leaves one more.
    const limit = new UpstreamCallLimit(testLimitPool(), CALLS_PER_MINUTE);
    for (let used = 1; used < CALLS_PER_MINUTE - 1; used++) await limit.consume(allowanceOf(secret));
    const upstreamBefore = seen.length;
    expect((await sdk(secret).beta.threads.retrieve("thread_fast")).id).toBe("thread_fast");
    expect(seen.length).toBe(upstreamBefore + 1);
    // Over the allowance: the pass-through refuses a read as the route refuses a create, sending nothing.
    const read = await sdk(secret).beta.threads.retrieve("thread_fast").catch((caught: unknown) => caught);
    expect(read).toBeInstanceOf(OpenAI.RateLimitError);
    expect((read as InstanceType<typeof OpenAI.RateLimitError>).message).toMatch(/per Spool key/);
    // When to come back: the end of the window the create opened moments ago (the SDKs wait for it).
    const wait = Number((read as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(50);
    expect(wait).toBeLessThanOrEqual(60);
    const refused = await sdk(secret).beta.threads.create({}).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(seen.length).toBe(upstreamBefore + 1);
    expect(spool.routed).toEqual(["POST /v1/threads", "POST /v1/threads"]);
  });
});
