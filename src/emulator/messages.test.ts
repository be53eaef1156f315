import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { conformsToContract } from "./contract-validator";
import { startEmulator, type RunningEmulator } from "./server";

const MESSAGE_ID = /^msg_[A-Za-z0-9]{24}$/;
const HEADERS = { authorization: "Bearer test-key", "openai-beta": "assistants=v2", "content-type": "application/json" };

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

async function call(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${emu.baseURL}${pathname}`, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { message: string; param: string | null } } };
}

async function insert(threadId: string, body: unknown) {
  const response = await fetch(`${emu.url}/__emulator/threads/${threadId}/messages`, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { data?: Array<{ id: string }>; error?: { message: string } } };
}

/** A thread holding `count` messages "m0" … "m{count-1}", added oldest first. */
async function threadWith(count: number) {
  const thread = await client.beta.threads.create();
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push((await client.beta.threads.messages.create(thread.id, { role: "user", content: `m${index}` })).id);
  }
  return { threadId: thread.id, ids };
}

describe("creating messages", () => {
  it("turns plain-string content into one text part with no annotations, and fills every field", async () => {
    const thread = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(thread.id, {
      role: "user",
      content: "How does AI work?",
      attachments: [{ file_id: "file-abc", tools: [{ type: "file_search" }] }],
      metadata: { source: "test" },
    });
    expect(message.id).toMatch(MESSAGE_ID);
    expect(Math.abs(message.created_at - Date.now() / 1000)).toBeLessThanOrEqual(2);
    expect(message).toEqual({
      id: message.id,
      object: "thread.message",
      created_at: message.created_at,
      thread_id: thread.id,
      status: "completed",
      incomplete_details: null,
      completed_at: null,
      incomplete_at: null,
      role: "user",
      content: [{ type: "text", text: { value: "How does AI work?", annotations: [] } }],
      assistant_id: null,
      run_id: null,
      attachments: [{ file_id: "file-abc", tools: [{ type: "file_search" }] }],
      metadata: { source: "test" },
    });
    expect(conformsToContract("MessageObject", message).ok).toBe(true);
  });

  it("keeps content parts in order: text becomes a text object, images are kept as sent", async () => {
    const thread = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(thread.id, {
      role: "assistant",
      content: [
        { type: "text", text: "Look:" },
        { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
        { type: "image_file", image_file: { file_id: "file-img" } },
      ],
    });
    expect(message.role).toBe("assistant");
    expect(message.content).toEqual([
      { type: "text", text: { value: "Look:", annotations: [] } },
      { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
      { type: "image_file", image_file: { file_id: "file-img" } },
    ]);
    expect(message.attachments).toEqual([]);
    expect(message.metadata).toEqual({});
  });

  it("lists the messages a thread was created with, oldest first in asc order", async () => {
    const thread = await client.beta.threads.create({
      messages: [
        { role: "user", content: "first" },
        { role: "assistant", content: [{ type: "text", text: "second" }], metadata: { k: "v" } },
      ],
    });
    const page = await client.beta.threads.messages.list(thread.id, { order: "asc" });
    expect(page.data.map((message) => [message.role, message.content])).toEqual([
      ["user", [{ type: "text", text: { value: "first", annotations: [] } }]],
      ["assistant", [{ type: "text", text: { value: "second", annotations: [] } }]],
    ]);
    expect(page.data[1]?.metadata).toEqual({ k: "v" });
    expect(page.data.every((message) => message.thread_id === thread.id)).toBe(true);
  });

  it("refuses a message that breaks the contract, naming the field, and adds nothing", async () => {
    const { threadId } = await threadWith(0);
    const cases: Array<[unknown, string | null, RegExp]> = [
      [{ content: "x" }, "role", /Missing required parameter/],
      [{ role: "system", content: "x" }, "role", /Supported values are: 'user' and 'assistant'/],
      [{ role: "user", content: [] }, "content", /empty array/],
      [{ role: "user", content: [{ type: "video", text: "x" }] }, "content[0].type", /Supported values/],
      [{ role: "user", content: [{ type: "image_url", image_url: { url: "not a url" } }] }, "content[0].image_url.url", /valid URL/],
      [{ role: "user", content: "x", extra: 1 }, "extra", /Unrecognized request argument/],
      [{ role: "user", content: "x", metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) }, "metadata", /at most 16/],
      [{ role: "user", content: "x", metadata: { ["k".repeat(65)]: "v" } }, "metadata", /key too long/],
      [{ role: "user", content: "x", metadata: { k: "v".repeat(513) } }, "metadata.k", /maximum length 512/],
    ];
    for (const [body, param, message] of cases) {
      const { status, json } = await call("POST", `/threads/${threadId}/messages`, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error?.param).toBe(param);
      expect(json.error?.message).toMatch(message);
      expect(conformsToContract("ErrorResponse", json).ok).toBe(true);
    }
    const body = await call("POST", `/threads/${threadId}/messages`, "{not json");
    expect(body.status).toBe(400);
    expect((await client.beta.threads.messages.list(threadId)).data).toEqual([]);
  });

  it("accepts metadata exactly at its limits", async () => {
    const { threadId } = await threadWith(0);
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`${i}`.padEnd(64, "k"), "v".repeat(512)]));
    const message = await client.beta.threads.messages.create(threadId, { role: "user", content: "x", metadata });
    expect(message.metadata).toEqual(metadata);
  });

  it("answers 404 for a message to an unknown thread", async () => {
    const { status, json } = await call("POST", "/threads/thread_nope/messages", { role: "user", content: "x" });
    expect(status).toBe(404);
    expect(json.error?.message).toBe("No thread found with id 'thread_nope'.");
  });
});

describe("listing messages", () => {
  it("defaults to 20 newest first, with first_id, last_id and has_more", async () => {
    const { threadId, ids } = await threadWith(23);
    const { status, json } = await call("GET", `/threads/${threadId}/messages`);
    expect(status).toBe(200);
    expect(conformsToContract("ListMessagesResponse", json).ok).toBe(true);
    const data = json.data as Array<{ id: string }>;
    expect(data.map((message) => message.id)).toEqual(ids.slice(3).reverse());
    expect(json).toMatchObject({ object: "list", first_id: ids[22], last_id: ids[3], has_more: true });
  });

  it("pages forward with after in both orders until has_more is false, each message once", async () => {
    const { threadId, ids } = await threadWith(7);
    for (const order of ["asc", "desc"] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: "3", order, ...(after ? { after } : {}) });
        const { json } = await call("GET", `/threads/${threadId}/messages?${query}`);
        const data = (json.data as Array<{ id: string }>).map((message) => message.id);
        seen.push(...data);
        pages++;
        expect(json.first_id).toBe(data[0]);
        expect(json.last_id).toBe(data[data.length - 1]);
        if (!json.has_more) break;
        after = json.last_id as string;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(order === "asc" ? ids : [...ids].reverse());
    }
  });

  it("pages backward with before: the messages right before the cursor, has_more while older remain", async () => {
    const { threadId, ids } = await threadWith(7);
    const first = await call("GET", `/threads/${threadId}/messages?order=asc&limit=3&before=${ids[6]}`);
    expect((first.json.data as Array<{ id: string }>).map((message) => message.id)).toEqual(ids.slice(3, 6));
    expect(first.json.has_more).toBe(true);
    const second = await call("GET", `/threads/${threadId}/messages?order=asc&limit=3&before=${ids[3]}`);
    expect((second.json.data as Array<{ id: string }>).map((message) => message.id)).toEqual(ids.slice(0, 3));
    expect(second.json.has_more).toBe(false);
    const between = await call("GET", `/threads/${threadId}/messages?order=desc&after=${ids[5]}&before=${ids[1]}`);
    expect((between.json.data as Array<{ id: string }>).map((message) => message.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(between.json.has_more).toBe(false);
  });

  it("pages through the SDK's auto-pagination in order", async () => {
    const { threadId, ids } = await threadWith(5);
    const seen: string[] = [];
    for await (const message of client.beta.threads.messages.list(threadId, { limit: 2, order: "asc" })) seen.push(message.id);
    expect(seen).toEqual(ids);
  });

  it("answers an empty thread with an empty page", async () => {
    const { threadId } = await threadWith(0);
    const { json } = await call("GET", `/threads/${threadId}/messages`);
    expect(json).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false });
  });

  it("filters by run_id", async () => {
    const { threadId } = await threadWith(1);
    await insert(threadId, [{ role: "assistant", content: [], run_id: "run_a", assistant_id: "asst_1" }, { role: "assistant", content: [], run_id: "run_b" }]);
    const { json } = await call("GET", `/threads/${threadId}/messages?run_id=run_a`);
    expect((json.data as Array<{ run_id: string }>).map((message) => message.run_id)).toEqual(["run_a"]);
  });

  it("refuses a limit outside 1–100, a non-integer limit, an unknown order or cursor, naming the parameter", async () => {
    const { threadId } = await threadWith(1);
    const cases: Array<[string, string, RegExp]> = [
      ["limit=0", "limit", /below minimum value. Expected a value >= 1/],
      ["limit=101", "limit", /above maximum value. Expected a value <= 100/],
      ["limit=abc", "limit", /expected an integer/],
      ["limit=2.5", "limit", /expected an integer/],
      ["order=newest", "order", /Supported values are: 'asc' and 'desc'/],
      ["after=msg_unknown", "after", /no message with id 'msg_unknown'/],
      ["before=msg_unknown", "before", /no message with id 'msg_unknown'/],
    ];
    for (const [query, param, message] of cases) {
      const { status, json } = await call("GET", `/threads/${threadId}/messages?${query}`);
      expect(status, query).toBe(400);
      expect(json.error?.param).toBe(param);
      expect(json.error?.message).toMatch(message);
    }
    expect((await call("GET", `/threads/${threadId}/messages?limit=100`)).status).toBe(200);
    expect((await call("GET", `/threads/${threadId}/messages?limit=1`)).status).toBe(200);
  });

  it("answers 404 for an unknown or deleted thread", async () => {
    const { threadId } = await threadWith(2);
    await client.beta.threads.delete(threadId);
    const { status, json } = await call("GET", `/threads/${threadId}/messages`);
    expect(status).toBe(404);
    expect(json.error?.message).toBe(`No thread found with id '${threadId}'.`);
    await expect(client.beta.threads.messages.list("thread_nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe("one message", () => {
  it("retrieves, modifies (metadata replaced) and deletes a message", async () => {
    const { threadId, ids } = await threadWith(2);
    const messageId = ids[0]!;
    const got = await client.beta.threads.messages.retrieve(messageId, { thread_id: threadId });
    expect(got.content).toEqual([{ type: "text", text: { value: "m0", annotations: [] } }]);

    const updated = await client.beta.threads.messages.update(messageId, { thread_id: threadId, metadata: { a: "1" } });
    expect(updated.metadata).toEqual({ a: "1" });
    expect(conformsToContract("MessageObject", updated).ok).toBe(true);
    const replaced = await client.beta.threads.messages.update(messageId, { thread_id: threadId, metadata: { b: "2" } });
    expect(replaced.metadata).toEqual({ b: "2" });

    const deleted = await client.beta.threads.messages.delete(messageId, { thread_id: threadId });
    expect(deleted).toEqual({ id: messageId, object: "thread.message.deleted", deleted: true });
    expect(conformsToContract("DeleteMessageResponse", deleted).ok).toBe(true);
    expect((await client.beta.threads.messages.list(threadId)).data.map((message) => message.id)).toEqual([ids[1]]);
  });

  it("answers 404 naming the message or the thread, and 400 for a bad modify body", async () => {
    const { threadId, ids } = await threadWith(1);
    for (const method of ["GET", "POST", "DELETE"]) {
      const missing = await call(method, `/threads/${threadId}/messages/msg_nope`, method === "POST" ? { metadata: {} } : undefined);
      expect(missing.status, method).toBe(404);
      expect(missing.json.error?.message).toBe("No message found with id 'msg_nope'.");
      const noThread = await call(method, `/threads/thread_nope/messages/${ids[0]}`, method === "POST" ? { metadata: {} } : undefined);
      expect(noThread.status, method).toBe(404);
      expect(noThread.json.error?.message).toBe("No thread found with id 'thread_nope'.");
    }
    const bad = await call("POST", `/threads/${threadId}/messages/${ids[0]}`, { metadata: { k: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.param).toBe("metadata.k");
    const extra = await call("POST", `/threads/${threadId}/messages/${ids[0]}`, { role: "user" });
    expect(extra.status).toBe(400);
    expect(extra.json.error?.param).toBe("role");
    expect((await call("PUT", `/threads/${threadId}/messages/${ids[0]}`)).status).toBe(405);
    expect((await call("DELETE", `/threads/${threadId}/messages`)).status).toBe(405);
  });

  it("needs the bearer token and the assistants=v2 header like every endpoint", async () => {
    const { threadId } = await threadWith(0);
    const noKey = await fetch(`${emu.baseURL}/threads/${threadId}/messages`, { headers: { "openai-beta": "assistants=v2" } });
    expect(noKey.status).toBe(401);
    const noBeta = await fetch(`${emu.baseURL}/threads/${threadId}/messages`, { headers: { authorization: "Bearer k" } });
    expect(noBeta.status).toBe(400);
  });
});

describe("messages written by a run (control endpoint)", () => {
  it("stores annotations, refusals, run and assistant ids as given and lists them", async () => {
    const { threadId } = await threadWith(0);
    const written = {
      role: "assistant",
      assistant_id: "asst_1",
      run_id: "run_1",
      completed_at: 1_700_000_000,
      content: [
        {
          type: "text",
          text: {
            value: "See [1] and sandbox:/out.csv",
            annotations: [
              { type: "file_citation", text: "[1]", file_citation: { file_id: "file-cite" }, start_index: 4, end_index: 7 },
              { type: "file_path", text: "sandbox:/out.csv", file_path: { file_id: "file-out" }, start_index: 12, end_index: 28 },
            ],
          },
        },
        { type: "refusal", refusal: "I cannot do that." },
      ],
    };
    const { status, json } = await insert(threadId, written);
    expect(status).toBe(200);
    const [message] = (await client.beta.threads.messages.list(threadId)).data;
    expect(message).toMatchObject({ ...written, id: json.data?.[0]?.id, thread_id: threadId, status: "completed" });
  });

  it("refuses an object that is not a MessageObject and inserts nothing", async () => {
    const { threadId } = await threadWith(0);
    const { status, json } = await insert(threadId, [{ role: "user", content: [] }, { role: "robot", content: [] }]);
    expect(status).toBe(400);
    expect(json.error?.message).toMatch(/^Message 1: .*role/);
    expect((await client.beta.threads.messages.list(threadId)).data).toEqual([]);
    expect((await insert("thread_nope", { role: "user", content: [] })).status).toBe(404);
  });
});

describe("faults and state", () => {
  it("a status fault after creating a message adds it but answers the error", async () => {
    const { threadId } = await threadWith(0);
    emu.addFault({ kind: "status", status: 500, when: "after", path: `/v1/threads/${threadId}/messages`, method: "POST" });
    await expect(client.beta.threads.messages.create(threadId, { role: "user", content: "x" })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect((await client.beta.threads.messages.list(threadId)).data).toHaveLength(1);
  });

  it("keeps messages across a restart on the same state file, and drops them with their thread", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-messages-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await startEmulator({ stateFile });
      const sdk = (emulator: RunningEmulator) => new OpenAI({ apiKey: "k", baseURL: emulator.baseURL, maxRetries: 0 });
      const kept = await sdk(first).beta.threads.create({ messages: [{ role: "user", content: "kept" }] });
      const gone = await sdk(first).beta.threads.create({ messages: [{ role: "user", content: "gone" }] });
      await sdk(first).beta.threads.messages.create(kept.id, { role: "assistant", content: "later" });
      await sdk(first).beta.threads.delete(gone.id);
      await first.close();

      const second = await startEmulator({ stateFile });
      const page = await sdk(second).beta.threads.messages.list(kept.id, { order: "asc" });
      expect(page.data.map((message) => (message.content[0] as { text: { value: string } }).text.value)).toEqual(["kept", "later"]);
      await expect(sdk(second).beta.threads.messages.list(gone.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
