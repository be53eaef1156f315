import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { conformsToContract } from "./contract-validator";
import { startEmulator, type RunningEmulator } from "./server";

const THREAD_ID = /^thread_[A-Za-z0-9]{24}$/;
const ASSISTANTS_HEADERS = {
  authorization: "Bearer test-key",
  "openai-beta": "assistants=v2",
  "content-type": "application/json",
};

let emu: RunningEmulator;
let client: OpenAI;

beforeAll(async () => {
  emu = await startEmulator();
  client = new OpenAI({ apiKey: "test-key", baseURL: emu.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await emu.close();
});

beforeEach(() => emu.clearFaults());

/** A marker unique to one test, for fault targeting and finding its ledger entries. */
function tag(): string {
  return `tag-${randomUUID()}`;
}

function ledgerFor(marker: string, emulator: RunningEmulator = emu) {
  return emulator.ledger().filter((entry) => entry.body.includes(marker));
}

async function post(pathname: string, body: unknown, headers: Record<string, string> = ASSISTANTS_HEADERS) {
  const response = await fetch(`${emu.baseURL}${pathname}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { response, json: (await response.json()) as unknown };
}

function expectErrorShape(json: unknown): { message: string; type: string; param: string | null; code: string | null } {
  expect(conformsToContract("ErrorResponse", json)).toEqual({ ok: true, value: json });
  const error = (json as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
  return error as { message: string; type: string; param: string | null; code: string | null };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

describe("threads through the official openai SDK", () => {
  it("creates an empty thread with a thread_ id, integer created_at near now and empty resources", async () => {
    const thread = await client.beta.threads.create();
    expect(thread.id).toMatch(THREAD_ID);
    expect(Number.isInteger(thread.created_at)).toBe(true);
    expect(Math.abs(thread.created_at - nowSeconds())).toBeLessThanOrEqual(2);
    expect(thread).toEqual({
      id: thread.id,
      object: "thread",
      created_at: thread.created_at,
      metadata: {},
      tool_resources: {},
    });
    expect(conformsToContract("ThreadObject", thread).ok).toBe(true);
  });

  it("creates a thread from messages, metadata, code_interpreter files and a vector_stores helper", async () => {
    const marker = tag();
    const request = {
      messages: [
        { role: "user" as const, content: "Hello", metadata: { source: "test" } },
        {
          role: "assistant" as const,
          content: [
            { type: "text" as const, text: "Look" },
            { type: "image_url" as const, image_url: { url: "https://example.com/cat.png", detail: "low" as const } },
          ],
        },
      ],
      metadata: { marker, team: "spool" },
      tool_resources: {
        code_interpreter: { file_ids: ["file-abc", "file-def"] },
        file_search: {
          vector_stores: [
            {
              file_ids: ["file-ghi"],
              chunking_strategy: { type: "static" as const, static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
            },
          ],
        },
      },
    };
    const thread = await client.beta.threads.create(request);

    expect(thread.metadata).toEqual({ marker, team: "spool" });
    expect(thread.tool_resources?.code_interpreter).toEqual({ file_ids: ["file-abc", "file-def"] });
    const vectorStoreIds = thread.tool_resources?.file_search?.vector_store_ids ?? [];
    expect(vectorStoreIds).toHaveLength(1);
    expect(vectorStoreIds[0]).toMatch(/^vs_[A-Za-z0-9]{24}$/);
    expect(conformsToContract("ThreadObject", thread).ok).toBe(true);

    const [entry] = ledgerFor(marker);
    expect(entry).toMatchObject({ id: thread.id, created_at: thread.created_at });
    expect(JSON.parse(entry?.body ?? "null")).toEqual(request);
  });

  it("retrieves a created thread unchanged", async () => {
    const created = await client.beta.threads.create({ metadata: { k: "v" } });
    await expect(client.beta.threads.retrieve(created.id)).resolves.toEqual(created);
  });

  it("replaces metadata and tool_resources on update", async () => {
    const created = await client.beta.threads.create({
      metadata: { a: "1", b: "2" },
      tool_resources: { code_interpreter: { file_ids: ["file-1"] } },
    });
    const updated = await client.beta.threads.update(created.id, {
      metadata: { c: "3" },
      tool_resources: { file_search: { vector_store_ids: ["vs_existing"] } },
    });
    expect(updated).toEqual({
      ...created,
      metadata: { c: "3" },
      tool_resources: { code_interpreter: { file_ids: ["file-1"] }, file_search: { vector_store_ids: ["vs_existing"] } },
    });
    await expect(client.beta.threads.retrieve(created.id)).resolves.toEqual(updated);
  });

  it("deletes a thread, after which retrieve is an OpenAI.NotFoundError", async () => {
    const created = await client.beta.threads.create();
    const deleted = await client.beta.threads.delete(created.id);
    expect(deleted).toEqual({ id: created.id, object: "thread.deleted", deleted: true });
    expect(conformsToContract("DeleteThreadResponse", deleted).ok).toBe(true);

    const error = await client.beta.threads.retrieve(created.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).error).toEqual({
      message: `No thread found with id '${created.id}'.`,
      type: "invalid_request_error",
      param: null,
      code: null,
    });
  });

  it("keeps deleted threads in the ledger", async () => {
    const marker = tag();
    const created = await client.beta.threads.create({ metadata: { marker } });
    await client.beta.threads.delete(created.id);
    expect(ledgerFor(marker).map((entry) => entry.id)).toEqual([created.id]);
  });

  it("surfaces contract violations as OpenAI.BadRequestError with the param", async () => {
    const error = await client.beta.threads
      .create({ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("metadata");
  });
});

describe("HTTP edges", () => {
  it("rejects a request without a bearer token with 401", async () => {
    const { response, json } = await post("/threads", {}, { "openai-beta": "assistants=v2", "content-type": "application/json" });
    expect(response.status).toBe(401);
    const error = expectErrorShape(json);
    expect(error.message).toMatch(/^You didn't provide an API key\./);
    expect(error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
  });

  it("rejects an empty bearer token with 401", async () => {
    const { response } = await post("/threads", {}, { ...ASSISTANTS_HEADERS, authorization: "Bearer " });
    expect(response.status).toBe(401);
  });

  it("rejects a request without the OpenAI-Beta header with 400 naming the header", async () => {
    const { response, json } = await post("/threads", {}, { authorization: "Bearer test-key", "content-type": "application/json" });
    expect(response.status).toBe(400);
    expect(expectErrorShape(json).message).toContain("OpenAI-Beta: assistants=v2");
  });

  it("rejects invalid JSON with 400", async () => {
    const { response, json } = await post("/threads", "{not json");
    expect(response.status).toBe(400);
    expect(expectErrorShape(json).message).toContain("could not parse the JSON body");
  });

  it("creates an empty thread for a POST without a body, like the real API", async () => {
    const response = await fetch(`${emu.baseURL}/threads`, { method: "POST", headers: ASSISTANTS_HEADERS });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({ object: "thread", metadata: {}, tool_resources: {} });
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    const unknown = await fetch(`${emu.baseURL}/assistants`, { headers: ASSISTANTS_HEADERS });
    expect(unknown.status).toBe(404);
    expectErrorShape(await unknown.json());

    const wrong = await fetch(`${emu.baseURL}/threads`, { method: "GET", headers: ASSISTANTS_HEADERS });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expectErrorShape(await wrong.json());
  });

  it("answers an unknown thread id with 404 naming the id", async () => {
    const response = await fetch(`${emu.baseURL}/threads/thread_doesnotexist`, { headers: ASSISTANTS_HEADERS });
    expect(response.status).toBe(404);
    expect(expectErrorShape(await response.json()).message).toBe("No thread found with id 'thread_doesnotexist'.");
  });

  it("rejects bodies over 8 MiB with 413", async () => {
    const marker = tag();
    const { response, json } = await post("/threads", { metadata: { marker, big: "x".repeat(8 * 1024 * 1024) } });
    expect(response.status).toBe(413);
    expectErrorShape(json);
    expect(ledgerFor(marker)).toHaveLength(0);
  });
});

const METADATA_17 = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
const staticChunking = (max: number, overlap: number) => ({
  tool_resources: {
    file_search: {
      vector_stores: [{ chunking_strategy: { type: "static", static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } } }],
    },
  },
});
const CHUNKING = "tool_resources.file_search.vector_stores[0].chunking_strategy.static";

describe("contract validation on create", () => {
  it.each([
    { name: "17 metadata pairs", body: { metadata: METADATA_17 }, param: "metadata", says: "at most 16 properties" },
    { name: "a 65-character metadata key", body: { metadata: { ["k".repeat(65)]: "v" } }, param: "metadata", says: "maximum length 64" },
    { name: "a 513-character metadata value", body: { metadata: { note: "v".repeat(513) } }, param: "metadata.note", says: "maximum length 512" },
    {
      name: "role 'system'",
      body: { messages: [{ role: "system", content: "hi" }] },
      param: "messages[0].role",
      says: "Supported values are: 'user' and 'assistant'.",
    },
    { name: "an unknown top-level field", body: { foo: 1 }, param: "foo", says: "Unrecognized request argument supplied: foo" },
    { name: "overlap above half the chunk size", body: staticChunking(800, 401), param: `${CHUNKING}.chunk_overlap_tokens`, says: "half" },
    { name: "max_chunk_size_tokens 99", body: staticChunking(99, 10), param: `${CHUNKING}.max_chunk_size_tokens`, says: ">= 100" },
    { name: "max_chunk_size_tokens 4097", body: staticChunking(4097, 10), param: `${CHUNKING}.max_chunk_size_tokens`, says: "<= 4096" },
    {
      name: "both vector_store_ids and vector_stores",
      body: { tool_resources: { file_search: { vector_store_ids: ["vs_1"], vector_stores: [{}] } } },
      param: "tool_resources.file_search",
      says: "exactly one of",
    },
    {
      name: "21 code_interpreter file_ids",
      body: { tool_resources: { code_interpreter: { file_ids: Array.from({ length: 21 }, (_, i) => `file-${i}`) } } },
      param: "tool_resources.code_interpreter.file_ids",
      says: "maximum length 20",
    },
    { name: "an empty content array", body: { messages: [{ role: "user", content: [] }] }, param: "messages[0].content", says: "empty array" },
    {
      name: "an invalid image_url url",
      body: { messages: [{ role: "user", content: [{ type: "text", text: "x" }, { type: "image_url", image_url: { url: "not a url" } }] }] },
      param: "messages[0].content[1].image_url.url",
      says: "valid URL",
    },
    {
      name: "an unknown content part type",
      body: { messages: [{ role: "user", content: [{ type: "video", video: {} }] }] },
      param: "messages[0].content[0].type",
      says: "'image_file', 'image_url', and 'text'",
    },
    { name: "a non-object body", body: [], param: null, says: "expected an object" },
  ])("rejects $name with 400 and param $param, creating nothing", async ({ body, param, says }) => {
    const before = emu.ledger().length;
    const { response, json } = await post("/threads", body);
    expect(response.status).toBe(400);
    const error = expectErrorShape(json);
    expect(error).toMatchObject({ type: "invalid_request_error", param, code: null });
    expect(error.message).toContain(says);
    if (param !== null) expect(error.message).toContain(param);
    expect(emu.ledger().length).toBe(before);
  });

  it("accepts every limit exactly at its boundary", async () => {
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`.padEnd(64, "x"), "v".repeat(512)]));
    for (const body of [
      { metadata: sixteen },
      staticChunking(100, 50),
      staticChunking(4096, 2048),
      { tool_resources: { code_interpreter: { file_ids: Array.from({ length: 20 }, (_, i) => `file-${i}`) } } },
      { metadata: null, tool_resources: null },
    ]) {
      const { response, json } = await post("/threads", body);
      expect(response.status, JSON.stringify(json)).toBe(200);
    }
  });
});

describe("contract validation on update", () => {
  it("rejects 17 metadata pairs and unknown fields, leaving the thread unchanged", async () => {
    const created = await client.beta.threads.create({ metadata: { keep: "me" } });
    const tooMany = await post(`/threads/${created.id}`, { metadata: METADATA_17 });
    expect(tooMany.response.status).toBe(400);
    expect(expectErrorShape(tooMany.json).param).toBe("metadata");

    const unknown = await post(`/threads/${created.id}`, { messages: [] });
    expect(unknown.response.status).toBe(400);
    expect(expectErrorShape(unknown.json).param).toBe("messages");

    await expect(client.beta.threads.retrieve(created.id)).resolves.toEqual(created);
  });

  it("rejects an update without a body, which the contract requires", async () => {
    const created = await client.beta.threads.create();
    const response = await fetch(`${emu.baseURL}/threads/${created.id}`, { method: "POST", headers: ASSISTANTS_HEADERS });
    expect(response.status).toBe(400);
    expectErrorShape(await response.json());
  });
});

describe("fault injection", () => {
  it("status before: returns the injected error and creates nothing", async () => {
    const marker = tag();
    emu.addFault({ kind: "status", status: 500, when: "before", match: marker });
    const error = await client.beta.threads.create({ metadata: { marker } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).error).toMatchObject({ type: "server_error", param: null, code: null });
    expect(ledgerFor(marker)).toHaveLength(0);
  });

  it("status after: creates and records the thread, then returns the error with Retry-After", async () => {
    const marker = tag();
    emu.addFault({ kind: "status", status: 429, retryAfter: 7, when: "after", match: marker, message: "slow down" });
    const { response, json } = await post("/threads", { metadata: { marker } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(expectErrorShape(json)).toEqual({ message: "slow down", type: "requests", param: null, code: "rate_limit_exceeded" });

    const entries = ledgerFor(marker);
    expect(entries).toHaveLength(1);
    const recorded = await client.beta.threads.retrieve(entries[0]?.id ?? "");
    expect(recorded.metadata).toEqual({ marker });
  });

  it("drop after: the SDK sees a connection error but the thread exists upstream", async () => {
    const marker = tag();
    emu.addFault({ kind: "drop", when: "after", match: marker });
    const error = await client.beta.threads.create({ metadata: { marker } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    const entries = ledgerFor(marker);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.id).toMatch(THREAD_ID);
  });

  it("drop before: the SDK sees a connection error and nothing is created", async () => {
    const marker = tag();
    emu.addFault({ kind: "drop", when: "before", match: marker });
    const error = await client.beta.threads.create({ metadata: { marker } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(ledgerFor(marker)).toHaveLength(0);
  });

  it("latency: delays the response, which then succeeds", async () => {
    const marker = tag();
    emu.addFault({ kind: "latency", ms: 300, match: marker });
    const started = performance.now();
    const thread = await client.beta.threads.create({ metadata: { marker } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(thread.metadata).toEqual({ marker });
  });

  it("hang: never answers, and close() ends the hung request promptly", async () => {
    const own = await startEmulator();
    own.addFault({ kind: "hang" });
    const hung = fetch(`${own.baseURL}/threads`, { method: "POST", headers: ASSISTANTS_HEADERS, body: "{}" }).then(
      () => "answered",
      () => "failed",
    );
    await expect.poll(async () => {
      const health = (await (await fetch(`${own.url}/__emulator/health`)).json()) as { hanging: number };
      return health.hanging;
    }).toBe(1);

    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(hung).resolves.toBe("failed");
  });

  it("match: a fault only trips requests whose body contains its marker", async () => {
    const mine = tag();
    const other = tag();
    emu.addFault({ kind: "status", status: 503, match: mine });

    await expect(client.beta.threads.create({ metadata: { marker: other } })).resolves.toMatchObject({ metadata: { marker: other } });
    await expect(client.beta.threads.create({ metadata: { marker: mine } })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(client.beta.threads.create({ metadata: { marker: mine } })).resolves.toMatchObject({ metadata: { marker: mine } });
  });

  it("times and method/path filters: trips exactly that many matching requests", async () => {
    const created = await client.beta.threads.create();
    emu.addFault({ kind: "status", status: 500, times: 2, method: "GET", path: "/v1/threads/*" });

    await expect(client.beta.threads.update(created.id, { metadata: { x: "y" } })).resolves.toMatchObject({ id: created.id });
    await expect(client.beta.threads.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(client.beta.threads.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(client.beta.threads.retrieve(created.id)).resolves.toMatchObject({ id: created.id });
  });

  it("control endpoints queue, list and clear faults and expose the ledger", async () => {
    const marker = tag();
    const queued = await fetch(`${emu.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify([
        { kind: "status", status: 500, match: marker },
        { kind: "latency", ms: 10, match: marker },
      ]),
    });
    expect(await queued.json()).toEqual({ queued: 2, pending: 2 });

    const listed = (await (await fetch(`${emu.url}/__emulator/faults`)).json()) as { data: unknown[] };
    expect(listed.data).toHaveLength(2);

    const cleared = await fetch(`${emu.url}/__emulator/faults`, { method: "DELETE" });
    expect(await cleared.json()).toEqual({ cleared: 2 });
    await expect(client.beta.threads.create({ metadata: { marker } })).resolves.toMatchObject({ object: "thread" });

    const ledger = (await (await fetch(`${emu.url}/__emulator/ledger`)).json()) as { data: Array<{ body: string }> };
    expect(ledger.data.filter((entry) => entry.body.includes(marker))).toHaveLength(1);
  });

  it("rejects malformed faults on the control endpoint and in addFault", async () => {
    const response = await fetch(`${emu.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "status", status: 200 }),
    });
    expect(response.status).toBe(400);
    expect(expectErrorShape(await response.json()).message).toContain("status");
    expect(() => emu.addFault({ kind: "latency", ms: -1 })).toThrow(/Invalid fault/);
  });
});

describe("state file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "spool-emulator-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps threads, deletions and the ledger across a restart", async () => {
    const stateFile = path.join(dir, "nested", "state.json");
    const first = await startEmulator({ stateFile });
    const firstClient = new OpenAI({ apiKey: "test-key", baseURL: first.baseURL, maxRetries: 0 });
    const kept = await firstClient.beta.threads.create({ metadata: { which: "kept" } });
    const removed = await firstClient.beta.threads.create({ metadata: { which: "removed" } });
    await firstClient.beta.threads.delete(removed.id);
    const ledger = first.ledger();
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({ version: 1 });

    const second = await startEmulator({ stateFile });
    try {
      const secondClient = new OpenAI({ apiKey: "test-key", baseURL: second.baseURL, maxRetries: 0 });
      await expect(secondClient.beta.threads.retrieve(kept.id)).resolves.toEqual(kept);
      await expect(secondClient.beta.threads.retrieve(removed.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      expect(second.ledger()).toEqual(ledger);
      expect(ledger.map((entry) => entry.id)).toEqual([kept.id, removed.id]);
    } finally {
      await second.close();
    }
  });
});
