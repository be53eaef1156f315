// The official `openai` SDK (the version Spool pins) against Spool's /v1 route, with a
// recording upstream in front of the real emulator: what is recorded, what passes through
// unchanged, and what is refused.
import type http from "node:http";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createApiKey, revokeApiKey } from "~/server/api-keys/api-key-service";
import { allowanceOf } from "~/server/gateway/gateway-context";
import { UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { serveSpoolApi } from "~/test/spool-api-server";
import { startRecordingUpstream, type Received, type RecordingUpstream } from "~/test/recording-upstream";
import type { RouteServer } from "~/test/route-server";
import { nonce, startTestEmulator, TEST_API_KEY, testDb, testLimitPool } from "~/test/test-stack";

// Above what the main key uses in a run (every request that goes upstream counts), and small enough to use up quickly.
const CREATES_PER_MINUTE = 300;

type SdkExchange = { url: string; method: string; headers: Headers; body: unknown; status: number | null; answerHeaders: Headers | null; answer: string | null };

let emulator: RunningEmulator;
let upstream: RecordingUpstream;
let spool: RouteServer;
let keyName: string;
let spoolKey: string;
const sdkExchanges: SdkExchange[] = [];
const logged: string[] = [];

/** An SDK client as a service would make one, keeping what it sent and got; `cut` loses answers it names. */
function sdk(options: { key?: string; maxRetries?: number; cut?: (url: string, init: RequestInit) => boolean } = {}) {
  return new OpenAI({
    apiKey: options.key ?? spoolKey,
    baseURL: `${spool.url}/v1`,
    maxRetries: options.maxRetries ?? 2,
    timeout: 15_000,
    fetch: async (url: string | URL | Request, init: RequestInit = {}) => {
      const exchange: SdkExchange = { url: String(url), method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body, status: null, answerHeaders: null, answer: null };
      sdkExchanges.push(exchange);
      const response = await fetch(url, init);
      exchange.status = response.status;
      exchange.answerHeaders = new Headers(response.headers);
      if (!response.headers.get("content-type")?.includes("text/event-stream")) exchange.answer = await response.clone().text();
      if (options.cut?.(String(url), init)) {
        await response.body?.cancel();
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
      }
      return response;
    },
  });
}

const received = (method: string, path: string | RegExp) =>
  upstream.exchanges.filter(({ received: r }) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));

const attemptsFor = (tag: string) =>
  testDb().createAttempt.findMany({ where: { request: { path: ["metadata", "tag"], equals: tag } }, select: { id: true, status: true, threadId: true, createdBy: true } });

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error"] as const) {
    const original = console[level];
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
      original(...args);
    });
  }
  emulator = await startTestEmulator();
  upstream = await startRecordingUpstream(emulator.url);
  upstream.script(scriptedEndpoints);
  Object.assign(process.env, { OPENAI_API_KEY: TEST_API_KEY, OPENAI_BASE_URL: upstream.baseURL, OPENAI_TIMEOUT_MS: "5000", SPOOL_GATEWAY_RATE_LIMIT: String(CREATES_PER_MINUTE) });
  spool = await serveSpoolApi();
  keyName = `billing-bot-${nonce()}`;
  spoolKey = (await createApiKey(testDb(), { name: keyName, createdBy: "ada" })).secret;
});

afterAll(async () => {
  await spool?.close();
  await upstream?.close();
  await emulator?.close();
  vi.restoreAllMocks();
});

describe("recorded creates", () => {
  it("records a plain create under the key's name, after sending exactly the SDK's body, and answers exactly the upstream's answer", async () => {
    const tag = nonce();
    const thread = await sdk().beta.threads.create({ messages: [{ role: "user", content: `Hello ${tag}` }], metadata: { tag } });
    const stored = await testDb().thread.findUniqueOrThrow({ where: { id: thread.id }, select: { createdBy: true, request: true, messages: { select: { content: true } } } });
    expect(stored).toMatchObject({ createdBy: keyName, messages: [{ content: `Hello ${tag}` }] });
    expect(await attemptsFor(tag)).toEqual([expect.objectContaining({ status: "CREATED", threadId: thread.id, createdBy: keyName })]);

    const sent = sdkExchanges.findLast((exchange) => exchange.method === "POST" && exchange.url.endsWith("/v1/threads"))!;
    const [create] = received("POST", "/v1/threads").filter(({ received: r }) => r.body.toString().includes(tag));
    expect(create!.received.body.toString()).toBe(sent.body);
    expect(create!.received.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(sent.answer).toBe(create!.answered!.body);
    // Every header the upstream answered reaches the SDK as it was (x-request-id among them).
    expect(create!.answered!.headers["x-request-id"]).toMatch(/^req_/);
    for (const [name, value] of Object.entries(create!.answered!.headers)) expect({ name, value: sent.answerHeaders!.get(name) }).toEqual({ name, value });
  });

  it("sends a recorded create upstream with the caller's own headers (organization, project, beta), but Spool's key", async () => {
    const tag = nonce();
    const client = new OpenAI({ apiKey: spoolKey, baseURL: `${spool.url}/v1`, organization: `org-${tag}`, project: `proj-${tag}` });
    const thread = await client.beta.threads.create({ metadata: { tag } });
    const [create] = received("POST", "/v1/threads").filter(({ received: r }) => r.body.toString().includes(tag));
    expect(create!.received.headers).toMatchObject({
      "openai-organization": `org-${tag}`,
      "openai-project": `proj-${tag}`,
      "openai-beta": "assistants=v2",
      authorization: `Bearer ${TEST_API_KEY}`,
    });
    expect(JSON.parse(create!.answered!.body)).toMatchObject({ id: thread.id });
  });

  it("records content parts, attachments and vector stores as sent", async () => {
    const tag = nonce();
    const request = {
      messages: [
        {
          role: "user" as const,
          content: [
            { type: "text" as const, text: `Look ${tag}` },
            { type: "image_url" as const, image_url: { url: "https://example.com/a.png", detail: "low" as const } },
          ],
          attachments: [{ file_id: "file-abc", tools: [{ type: "code_interpreter" as const }, { type: "file_search" as const }] }],
        },
      ],
      tool_resources: {
        code_interpreter: { file_ids: ["file-abc"] },
        file_search: { vector_stores: [{ file_ids: ["file-def"], chunking_strategy: { type: "static" as const, static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } } }] },
      },
      metadata: { tag },
    };
    const thread = await sdk().beta.threads.create(request);
    const stored = await testDb().thread.findUniqueOrThrow({
      where: { id: thread.id },
      select: { request: true, toolResources: true, messages: { select: { content: true, attachments: true } } },
    });
    expect(stored.request).toEqual(request);
    expect(stored.messages[0]).toEqual({ content: request.messages[0]!.content, attachments: request.messages[0]!.attachments });
    expect(stored.toolResources).toEqual(thread.tool_resources);
  });

  it("refuses an invalid body with a 400 naming the field (BadRequestError with param), before recording or sending anything", async () => {
    const tag = nonce();
    const before = received("POST", "/v1/threads").length;
    const error = await sdk()
      .beta.threads.create({ messages: [{ role: "robot", content: "hi" }], metadata: { tag } } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("messages[0].role");
    expect((error as Error).message).toMatch(/messages\[0\]\.role/);
    expect(received("POST", "/v1/threads")).toHaveLength(before);
    expect(await attemptsFor(tag)).toEqual([]);
  });

  it("answers a repeat with the same Idempotency-Key with the first thread, calling the upstream once", async () => {
    const tag = nonce();
    const body = { messages: [{ role: "user" as const, content: "once" }], metadata: { tag } };
    const headers = { "Idempotency-Key": `idem-${tag}` };
    const first = await sdk().beta.threads.create(body, { headers });
    const second = await sdk().beta.threads.create(body, { headers });
    expect(second.id).toBe(first.id);
    expect(second).toEqual(first);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
  });
});

describe("the SDK's own retries never make a second thread", () => {
  it("upstream creates, then cuts its connection to Spool: one thread upstream, an UNKNOWN attempt, and the retries get a 409 naming it", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "drop", when: "after", match: tag, path: "/v1/threads", method: "POST" });
    const error = await sdk()
      .beta.threads.create({ messages: [{ role: "user", content: "lost" }], metadata: { tag } })
      .catch((caught: unknown) => caught);
    const attempts = await attemptsFor(tag);
    expect(attempts).toEqual([expect.objectContaining({ status: "UNKNOWN", threadId: null })]);
    expect(error).toBeInstanceOf(OpenAI.ConflictError);
    expect((error as Error).message).toContain(attempts[0]!.id);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
    expect(received("POST", "/v1/threads").filter(({ received: r }) => r.body.toString().includes(tag))).toHaveLength(1);
    // The SDK did retry (twice), each marked as a retry.
    const tries = sdkExchanges.filter((exchange) => exchange.method === "POST" && String(exchange.body).includes(tag));
    expect(tries.map((exchange) => exchange.headers.get("x-stainless-retry-count"))).toEqual(["0", "1", "2"]);
  });

  it("Spool records the thread but its answer to the SDK is cut: the retry gets that thread", async () => {
    const tag = nonce();
    let cuts = 1;
    const client = sdk({ cut: (url, init) => init.method === "POST" && url.endsWith("/v1/threads") && String(init.body).includes(tag) && cuts-- > 0 });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "cut" }], metadata: { tag } });
    expect(await attemptsFor(tag)).toEqual([expect.objectContaining({ status: "CREATED", threadId: thread.id })]);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag)).map((entry) => entry.id)).toEqual([thread.id]);
    const tries = sdkExchanges.filter((exchange) => exchange.method === "POST" && String(exchange.body).includes(tag));
    expect(tries.map((exchange) => exchange.headers.get("x-stainless-retry-count"))).toEqual(["0", "1"]);
    // The retry is answered from Spool's record (PostgreSQL's jsonb keeps its own key order).
    expect(JSON.parse(tries[1]!.answer!)).toEqual(JSON.parse(tries[0]!.answer!));
  });

  it("a create that is not a retry (retry count 0) with the same body is a new thread, as against the upstream", async () => {
    const tag = nonce();
    const body = { messages: [{ role: "user" as const, content: "twice on purpose" }], metadata: { tag } };
    const first = await sdk().beta.threads.create(body);
    const second = await sdk().beta.threads.create(body);
    expect(second.id).not.toBe(first.id);
  });
});

describe("thread changes and pass-through", () => {
  it("retrieves unchanged, and updates and deletes the record with the key's name in its history", async () => {
    const tag = nonce();
    const client = sdk();
    const thread = await client.beta.threads.create({ metadata: { tag } });
    const retrieved = await client.beta.threads.retrieve(thread.id);
    expect(retrieved).toEqual(thread);

    const updated = await client.beta.threads.update(thread.id, { metadata: { tag, stage: "two" } });
    expect(updated.metadata).toEqual({ tag, stage: "two" });
    const afterUpdate = await testDb().thread.findUniqueOrThrow({
      where: { id: thread.id },
      select: { metadata: true, events: { select: { kind: true, actor: true }, orderBy: { id: "asc" } } },
    });
    expect(afterUpdate.metadata).toEqual({ tag, stage: "two" });
    expect(afterUpdate.events).toEqual([
      { kind: "CREATED", actor: keyName },
      { kind: "METADATA_CHANGED", actor: keyName },
    ]);

    const deleted = await client.beta.threads.delete(thread.id);
    expect(deleted).toMatchObject({ id: thread.id, deleted: true });
    const afterDelete = await testDb().thread.findUniqueOrThrow({ where: { id: thread.id }, select: { deletedAt: true, events: { select: { kind: true, actor: true }, orderBy: { id: "desc" }, take: 1 } } });
    expect(afterDelete.deletedAt).toBeInstanceOf(Date);
    expect(afterDelete.events).toEqual([{ kind: "DELETED", actor: keyName }]);
  });

  it("puts a message added to a recorded thread in its history, by the key's name", async () => {
    const tag = nonce();
    const client = sdk();
    const thread = await client.beta.threads.create({ metadata: { tag } });
    const message = await client.beta.threads.messages.create(thread.id, { role: "user", content: `Later ${tag}` });
    expect(message).toMatchObject({ id: `msg_${tag}`, thread_id: thread.id });
    const events = await testDb().threadEvent.findMany({ where: { threadId: thread.id }, orderBy: { id: "asc" }, select: { kind: true, actor: true, detail: true } });
    expect(events).toEqual([
      { kind: "CREATED", actor: keyName, detail: null },
      { kind: "MESSAGE_ADDED", actor: keyName, detail: { messageId: `msg_${tag}`, role: "user", via: "gateway" } },
    ]);
    // The list's count follows too: the thread was created with none, and one was added.
    expect(await testDb().thread.findUniqueOrThrow({ where: { id: thread.id }, select: { messageCount: true } })).toEqual({ messageCount: 1 });
  });

  it("passes a request through unchanged both ways, but the key: list messages", async () => {
    const client = sdk();
    const page = await client.beta.threads.messages.list("thread_passthrough", { limit: 2, order: "asc" });
    expect(page.data.map((message) => message.id)).toEqual(["msg_1", "msg_2"]);

    const sent = sdkExchanges.findLast((exchange) => exchange.url.includes("/threads/thread_passthrough/messages"))!;
    const { received: got, answered } = received("GET", /^\/v1\/threads\/thread_passthrough\/messages/).at(-1)!;
    expect(got.path).toBe(new URL(sent.url).pathname + new URL(sent.url).search);
    sent.headers.forEach((value, name) => {
      if (name === "authorization") expect(got.headers[name]).toBe(`Bearer ${TEST_API_KEY}`);
      else expect({ name, value: got.headers[name] }).toEqual({ name, value });
    });
    expect(answered).toBeNull(); // scripted: the answer is checked from the SDK's side below
    expect(sent.status).toBe(200);
    expect(sent.answer).toBe(MESSAGES_PAGE);
    for (const [name, value] of Object.entries(MESSAGES_HEADERS)) expect(sent.answerHeaders!.get(name)).toBe(value);
  });

  it("passes an upstream error through unchanged, status, body and Retry-After", async () => {
    const error = await sdk({ maxRetries: 0 })
      .beta.assistants.retrieve("asst_missing")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const sent = sdkExchanges.findLast((exchange) => exchange.url.includes("asst_missing"))!;
    expect(sent.answer).toBe(RATE_LIMITED_BODY);
    expect(sent.answerHeaders!.get("retry-after")).toBe("7");
    expect(sent.answerHeaders!.get("x-request-id")).toBe("req_limited");
  });

  it("streams a file upload through: the upstream receives the SDK's multipart body byte for byte", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024, "spool-");
    const file = await sdk().files.create({ file: await toFile(bytes, "notes.jsonl"), purpose: "assistants" });
    expect(file).toMatchObject({ id: "file-upload", bytes: expect.any(Number) });
    const { received: got } = received("POST", "/v1/files").at(-1)!;
    expect(got.body.includes(bytes)).toBe(true);
    expect(file.bytes).toBe(got.body.length);
    // fetch set the SDK's multipart content type from its body; the upstream got it, boundary and all.
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(got.headers["content-type"]!)?.[1];
    expect(got.body.toString("latin1").startsWith(`--${boundary}\r\n`)).toBe(true);
  });
});

describe("create-and-run", () => {
  const runThread = (tag: string, text: string) => ({ messages: [{ role: "user" as const, content: `${text} ${tag}` }], metadata: { tag } });
  const runsSent = (tag: string) => received("POST", "/v1/threads/runs").filter(({ received: r }) => r.body.toString().includes(tag));

  it("records the thread from the run's thread_id (not streamed), its attempt committed before the upstream saw the request", async () => {
    const tag = nonce();
    const run = await sdk().beta.threads.createAndRun({ assistant_id: "asst_1", thread: runThread(tag, "Run") });
    const stored = await testDb().thread.findUniqueOrThrow({ where: { id: run.thread_id }, select: { createdBy: true, metadata: true, messages: { select: { content: true } } } });
    expect(stored).toEqual({ createdBy: keyName, metadata: { tag }, messages: [{ content: `Run ${tag}` }] });
    const attempts = await attemptsFor(tag);
    expect(attempts).toEqual([expect.objectContaining({ status: "CREATED", threadId: run.thread_id, createdBy: keyName })]);
    // What the upstream found in Spool's database when the request reached it.
    expect(attemptsSeenByUpstream.get(tag)).toEqual([{ id: attempts[0]!.id, status: "PENDING", createdBy: keyName }]);

    // Transparent both ways: the SDK's bytes and headers up (but the key), the upstream's answer back.
    const sent = sdkExchanges.findLast((exchange) => exchange.url.endsWith("/v1/threads/runs") && String(exchange.body).includes(tag))!;
    const [got] = runsSent(tag);
    expect(got!.received.body.toString()).toBe(sent.body);
    sent.headers.forEach((value, name) => {
      if (name === "authorization") expect(got!.received.headers[name]).toBe(`Bearer ${TEST_API_KEY}`);
      else expect({ name, value: got!.received.headers[name] }).toEqual({ name, value });
    });
    expect(sent.answer).toBe(JSON.stringify(run));
    for (const [name, value] of Object.entries(RUN_HEADERS)) expect(sent.answerHeaders!.get(name)).toBe(value);
  });

  it("passes the event stream through as it comes, and records the thread from thread.created, its attempt committed first", async () => {
    const tag = nonce();
    const stream = await sdk().beta.threads.createAndRun({ assistant_id: "asst_1", stream: true, thread: runThread(tag, "Stream") });
    const events: string[] = [];
    let threadId = "";
    for await (const event of stream) {
      events.push(event.event);
      if (event.event === "thread.created") {
        threadId = event.data.id;
        // The upstream sends the rest only once this event has reached the SDK: a buffered stream would hang here.
        streamGates.get(tag)!();
      }
    }
    expect(events).toEqual(["thread.created", "thread.run.created", "thread.run.completed"]);
    // So that Next.js's gzip does not hold the stream back (see upstream-forward.ts).
    const sent = sdkExchanges.findLast((exchange) => exchange.url.endsWith("/v1/threads/runs"))!;
    expect(sent.answerHeaders!.get("cache-control")).toContain("no-transform");
    for (const [name, value] of Object.entries(RUN_HEADERS)) expect(sent.answerHeaders!.get(name)).toBe(value);
    expect(runsSent(tag).map(({ received: r }) => r.body.toString())).toEqual([sent.body]);
    expect(await testDb().thread.findUnique({ where: { id: threadId }, select: { createdBy: true, metadata: true } })).toEqual({ createdBy: keyName, metadata: { tag } });
    const attempts = await attemptsFor(tag);
    expect(attempts).toEqual([expect.objectContaining({ status: "CREATED", threadId, createdBy: keyName })]);
    expect(attemptsSeenByUpstream.get(tag)).toEqual([{ id: attempts[0]!.id, status: "PENDING", createdBy: keyName }]);
  });

  it.each([false, true])("answers a repeat with the same Idempotency-Key with a 409 naming the attempt and its thread, never a second run (stream: %s)", async (streamed) => {
    const tag = nonce();
    const headers = { "Idempotency-Key": `idem-run-${tag}` };
    const body = { assistant_id: "asst_1", thread: runThread(tag, "Once") };
    let threadId: string;
    if (streamed) {
      const stream = await sdk().beta.threads.createAndRun({ ...body, stream: true }, { headers });
      threadId = "";
      for await (const event of stream) {
        if (event.event !== "thread.created") continue;
        threadId = event.data.id;
        streamGates.get(tag)!();
      }
    } else {
      threadId = (await sdk().beta.threads.createAndRun(body, { headers })).thread_id;
    }
    const error = await sdk({ maxRetries: 0 })
      .beta.threads.createAndRun({ ...body, ...(streamed ? { stream: true as const } : {}) }, { headers })
      .catch((caught: unknown) => caught);
    const attempts = await attemptsFor(tag);
    expect(attempts).toEqual([expect.objectContaining({ status: "CREATED", threadId })]);
    expect(error).toBeInstanceOf(OpenAI.ConflictError);
    expect((error as Error).message).toContain(attempts[0]!.id);
    expect((error as Error).message).toContain(threadId);
    expect((error as InstanceType<typeof OpenAI.ConflictError>).code).toBe("create_and_run_already_done");
    expect(runsSent(tag)).toHaveLength(1);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
  });

  it("upstream creates the thread, then cuts its connection to Spool: one run upstream, an UNKNOWN attempt, and the SDK's retries get a 409 naming it", async () => {
    const tag = nonce();
    const error = await sdk()
      .beta.threads.createAndRun({ assistant_id: "asst_1", thread: { ...runThread(tag, "Lost"), metadata: { tag, fault: "drop-after-create" } } })
      .catch((caught: unknown) => caught);
    const attempts = await attemptsFor(tag);
    expect(attempts).toEqual([expect.objectContaining({ status: "UNKNOWN", threadId: null })]);
    expect(error).toBeInstanceOf(OpenAI.ConflictError);
    expect((error as Error).message).toContain(attempts[0]!.id);
    expect(runsSent(tag)).toHaveLength(1);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
    const tries = sdkExchanges.filter((exchange) => exchange.method === "POST" && String(exchange.body).includes(tag));
    expect(tries.map((exchange) => exchange.headers.get("x-stainless-retry-count"))).toEqual(["0", "1", "2"]);
  });

  it.each([false, true])("Spool records the thread but its answer to the SDK is cut: the retry gets a 409 naming the attempt and thread, never a second run (stream: %s)", async (streamed) => {
    const tag = nonce();
    let cuts = 1;
    const client = sdk({
      maxRetries: 1,
      cut: (url, init) => init.method === "POST" && url.endsWith("/v1/threads/runs") && String(init.body).includes(tag) && cuts-- > 0,
    });
    const error = await client.beta.threads
      .createAndRun({ assistant_id: "asst_1", thread: runThread(tag, "Cut"), ...(streamed ? { stream: true as const } : {}) })
      .catch((caught: unknown) => caught);
    const attempts = await attemptsFor(tag);
    expect(attempts).toEqual([expect.objectContaining({ status: "CREATED", threadId: expect.stringMatching(/^thread_/) })]);
    expect(error).toBeInstanceOf(OpenAI.ConflictError);
    expect((error as Error).message).toContain(attempts[0]!.id);
    expect((error as Error).message).toContain(attempts[0]!.threadId);
    const tries = sdkExchanges.filter((exchange) => exchange.method === "POST" && String(exchange.body).includes(tag));
    expect(tries.map((exchange) => exchange.headers.get("x-stainless-retry-count"))).toEqual(["0", "1"]);
    expect(runsSent(tag)).toHaveLength(1);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag)).map((entry) => entry.id)).toEqual([attempts[0]!.threadId]);
    streamGates.get(tag)?.();
  });
});

describe("refusals", () => {
  it("refuses a wrong key, a missing key and a revoked key with 401 in the contract's shape", async () => {
    await expect(sdk({ key: "spool_not-a-real-key" }).beta.threads.retrieve("thread_x")).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(sdk({ key: TEST_API_KEY }).beta.threads.retrieve("thread_x")).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const bare = await fetch(`${spool.url}/v1/threads/thread_x`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ error: { message: expect.stringMatching(/API key/), type: "invalid_request_error", param: null, code: null } });

    const name = `revoked-${nonce()}`;
    const { secret } = await createApiKey(testDb(), { name, createdBy: null });
    const client = sdk({ key: secret });
    await client.beta.threads.create({});
    await revokeApiKey(testDb(), { name, revokedBy: "ada" });
    const error = await client.beta.threads.create({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as Error).message).not.toContain(secret);
  });

  it("passes a thread path with a malformed escape to the upstream to answer, never a 500", async () => {
    const answer = await fetch(`${spool.url}/v1/threads/%E0%A4%A`, { method: "DELETE", headers: { authorization: `Bearer ${spoolKey}` } });
    expect(answer.status).toBe(404);
    expect((await answer.json()).error.type).toBe("invalid_request_error");
  });

  it("refuses a body over the limit with 413, and a key over its create allowance with 429 and Retry-After", async () => {
    const big = await fetch(`${spool.url}/v1/threads`, {
      method: "POST",
      headers: { authorization: `Bearer ${spoolKey}`, "content-type": "application/json" },
      body: JSON.stringify({ metadata: { a: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({ type: "invalid_request_error", code: "payload_too_large" });

    const name = `busy-${nonce()}`;
    const { secret } = await createApiKey(testDb(), { name, createdBy: null });
    // Another instance's limiter on the same table: the allowance is one, wherever it is drawn.
    const limit = new UpstreamCallLimit(testLimitPool(), CREATES_PER_MINUTE);
    for (let used = 0; used < CREATES_PER_MINUTE; used++) await limit.consume(allowanceOf(secret));
    const error = await sdk({ key: secret, maxRetries: 0 }).beta.threads.create({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the key's allowance counts every upstream call", () => {
  it("draws reads passed through from the same allowance as creates: over it, a 429 in the contract's shape with Retry-After, and nothing sent", async () => {
    const { secret } = await createApiKey(testDb(), { name: `reader-${nonce()}`, createdBy: null });
    // Another instance's limiter on the same table leaves this key two calls.
    const limit = new UpstreamCallLimit(testLimitPool(), CREATES_PER_MINUTE);
    for (let used = 0; used < CREATES_PER_MINUTE - 2; used++) await limit.consume(allowanceOf(secret));
    const client = sdk({ key: secret, maxRetries: 0 });
    const reads = () => received("GET", /^\/v1\/threads\/thread_passthrough\/messages/).length;

    const before = reads();
    await client.beta.threads.messages.list("thread_passthrough", { limit: 2 });
    await client.beta.threads.messages.list("thread_passthrough", { limit: 2 });
    expect(reads()).toBe(before + 2);
    const error = await client.beta.threads.messages.list("thread_passthrough", { limit: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(reads()).toBe(before + 2);
    const refused = sdkExchanges.at(-1)!;
    expect(JSON.parse(refused.answer!)).toEqual({ error: { message: expect.stringMatching(/per Spool key/), type: "rate_limit_exceeded", param: null, code: "too_many_requests" } });
    expect(Number(refused.answerHeaders!.get("retry-after"))).toBeGreaterThan(0);
    // A create and a retrieve are refused alike, before reaching the upstream.
    await expect(client.beta.threads.retrieve("thread_x")).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(client.beta.threads.createAndRun({ assistant_id: "asst_1" })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect(received("GET", "/v1/threads/thread_x")).toHaveLength(0);
  });
});

describe("keys stay secret", () => {
  it("no Spool key reaches the upstream; the upstream key reaches no caller and no log line", () => {
    expect(upstream.exchanges.length).toBeGreaterThan(10);
    for (const { received: got } of upstream.exchanges) {
      expect(JSON.stringify(got.headers)).not.toContain("spool_");
      expect(got.body.toString("latin1")).not.toContain(spoolKey);
    }
    for (const exchange of sdkExchanges) {
      expect(`${JSON.stringify([...(exchange.answerHeaders ?? [])])}${exchange.answer ?? ""}`).not.toContain(TEST_API_KEY);
      expect(exchange.answer ?? "").not.toContain(spoolKey);
    }
    for (const line of logged) {
      expect(line).not.toContain(spoolKey);
      expect(line).not.toContain(TEST_API_KEY);
    }
  });
});

// ---------------------------------------------------------------------------
// What the recording upstream answers itself (the emulator has no runs, files or messages).

const MESSAGES_PAGE = JSON.stringify({
  object: "list",
  data: [
    { id: "msg_1", object: "thread.message", created_at: 1, thread_id: "thread_passthrough", role: "user", content: [], attachments: [], metadata: {} },
    { id: "msg_2", object: "thread.message", created_at: 2, thread_id: "thread_passthrough", role: "assistant", content: [], attachments: [], metadata: {} },
  ],
  first_id: "msg_1",
  last_id: "msg_2",
  has_more: false,
});
const MESSAGES_HEADERS = { "x-request-id": "req_messages", "x-ratelimit-remaining-requests": "99", "openai-processing-ms": "12" };
const RATE_LIMITED_BODY = JSON.stringify({ error: { message: "Slow down.", type: "requests", param: null, code: "rate_limit_exceeded" } });
const RUN_HEADERS = { "x-request-id": "req_run", "x-ratelimit-remaining-requests": "42", "x-ratelimit-reset-requests": "1s" };
const streamGates = new Map<string, () => void>();
/** For each create-and-run's tag, its attempts as the upstream found them in Spool's database. */
const attemptsSeenByUpstream = new Map<string, unknown[]>();

async function scriptedEndpoints(request: Received, res: http.ServerResponse): Promise<boolean> {
  if (request.method === "GET" && request.path.startsWith("/v1/threads/thread_passthrough/messages")) {
    res.writeHead(200, { "content-type": "application/json", ...MESSAGES_HEADERS }).end(MESSAGES_PAGE);
    return true;
  }
  const addMessage = /^\/v1\/threads\/([^/]+)\/messages$/.exec(request.path);
  if (request.method === "POST" && addMessage) {
    const { content } = JSON.parse(request.body.toString()) as { content: string };
    const message = {
      id: `msg_${content.split(" ")[1]}`,
      object: "thread.message",
      created_at: 3,
      thread_id: addMessage[1],
      role: "user",
      content: [{ type: "text", text: { value: content, annotations: [] } }],
      attachments: [],
      metadata: {},
    };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(message));
    return true;
  }
  if (request.path === "/v1/assistants/asst_missing") {
    res.writeHead(429, { "content-type": "application/json", "retry-after": "7", "x-request-id": "req_limited" }).end(RATE_LIMITED_BODY);
    return true;
  }
  if (request.method === "POST" && request.path === "/v1/files") {
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ id: "file-upload", object: "file", bytes: request.body.length, created_at: 1, filename: "notes.jsonl", purpose: "assistants" }),
    );
    return true;
  }
  if (request.method === "POST" && request.path === "/v1/threads/runs") {
    const body = JSON.parse(request.body.toString()) as { thread?: { metadata?: { tag?: string; fault?: string } }; stream?: boolean; assistant_id: string };
    const tag = body.thread?.metadata?.tag;
    if (tag) {
      const seen = await testDb().createAttempt.findMany({ where: { request: { path: ["metadata", "tag"], equals: tag } }, select: { id: true, status: true, createdBy: true } });
      attemptsSeenByUpstream.set(tag, seen);
    }
    const made = await fetch(`${emulator.baseURL}/threads`, {
      method: "POST",
      headers: { authorization: request.headers.authorization!, "content-type": "application/json", "openai-beta": "assistants=v2" },
      body: JSON.stringify(body.thread ?? {}),
    });
    const thread = (await made.json()) as { id: string; metadata: { tag?: string } };
    if (body.thread?.metadata?.fault === "drop-after-create") {
      res.destroy();
      return true;
    }
    const run = { id: `run_${thread.id}`, object: "thread.run", thread_id: thread.id, assistant_id: body.assistant_id, status: "queued", created_at: 1 };
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json", ...RUN_HEADERS }).end(JSON.stringify(run));
      return true;
    }
    res.writeHead(200, { "content-type": "text/event-stream", ...RUN_HEADERS });
    res.write(`event: thread.created\ndata: ${JSON.stringify(thread)}\n\n`);
    await new Promise<void>((resolve) => streamGates.set(thread.metadata.tag!, resolve));
    res.write(`event: thread.run.created\ndata: ${JSON.stringify(run)}\n\n`);
    res.write(`event: thread.run.completed\ndata: ${JSON.stringify({ ...run, status: "completed" })}\n\n`);
    res.end("event: done\ndata: [DONE]\n\n");
    return true;
  }
  return false;
}
