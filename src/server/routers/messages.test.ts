import { randomUUID } from "node:crypto";
import type { inferProcedureInput } from "@trpc/server";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { recordAddedMessage } from "~/server/messages/record-added-message";
import { createCaller, type AppRouter } from "~/server/routers/_app";
import { contextFor, nonce, startTestEmulator, testDb, TEST_API_KEY } from "~/test/test-stack";
import { rejection } from "~/test/trpc-rejection";

let emulator: RunningEmulator;
let caller: ReturnType<typeof createCaller>;
/** Alice, signed in: what the history records as who added a message. */
let alice: ReturnType<typeof createCaller>;
/** The SDK used directly: another client of the same upstream ("elsewhere"). */
let elsewhere: OpenAI;

beforeAll(async () => {
  emulator = await startTestEmulator();
  caller = createCaller(contextFor(emulator.baseURL));
  alice = createCaller(contextFor(emulator.baseURL, { viewer: { kind: "signed-in", id: "alice" } }));
  elsewhere = new OpenAI({ apiKey: TEST_API_KEY, baseURL: emulator.baseURL, timeout: 5_000, maxRetries: 0 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.clearFaults());

type AddInput = inferProcedureInput<AppRouter["messages"]["add"]>;

async function createThroughSpool(tag: string, messages = [{ role: "user" as const, content: `hello ${tag}` }]) {
  return caller.threads.create({ idempotencyKey: randomUUID(), request: { messages, metadata: { run: tag } } });
}

async function upstreamTexts(threadId: string): Promise<string[]> {
  const page = await elsewhere.beta.threads.messages.list(threadId, { order: "asc", limit: 100 });
  return page.data.map((message) => (message.content[0]?.type === "text" ? message.content[0].text.value : message.content[0]?.type ?? ""));
}

function texts(page: Awaited<ReturnType<typeof caller.messages.list>>): string[] {
  if (page.kind !== "page") throw new Error(`expected a page, got ${page.kind}`);
  return page.messages.map(({ message }) => (message.content[0]?.type === "text" ? message.content[0].text.value : message.content[0]?.type ?? ""));
}

async function counters(threadId: string) {
  return testDb().thread.findUniqueOrThrow({ where: { id: threadId }, select: { messageCount: true, lastActivityAt: true } });
}

describe("messages.list", () => {
  it("shows every message as the upstream has it, in order, marking those Spool sent at creation", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag, [
      { role: "user", content: `first ${tag}` },
      { role: "assistant", content: [{ type: "text", text: `second ${tag}` }] } as never,
    ]);
    await elsewhere.beta.threads.messages.create(thread.id, { role: "user", content: `from elsewhere ${tag}` });

    const page = await caller.messages.list({ threadId: thread.id, order: "asc" });
    expect(texts(page)).toEqual([`first ${tag}`, `second ${tag}`, `from elsewhere ${tag}`]);
    if (page.kind !== "page") throw new Error("no page");
    expect(page.messages.map(({ spool }) => spool?.how ?? null)).toEqual(["creation", "creation", null]);
    expect(page.hasMore).toBe(false);
    expect(page.firstId).toBe(page.messages[0]?.message.id);
    expect(page.lastId).toBe(page.messages[2]?.message.id);
    // The whole thread was on one page: its count is now known exactly.
    expect((await counters(thread.id)).messageCount).toBe(3);

    const newest = await caller.messages.list({ threadId: thread.id, order: "desc", limit: 1 });
    expect(texts(newest)).toEqual([`from elsewhere ${tag}`]);
  });

  it("pages with the cursor (after) and with before, each message once", async () => {
    const thread = await createThroughSpool(nonce(), []);
    for (let index = 0; index < 5; index++) await elsewhere.beta.threads.messages.create(thread.id, { role: "user", content: `m${index}` });

    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof caller.messages.list>> = await caller.messages.list({ threadId: thread.id, limit: 2, order: "asc", cursor });
      seen.push(...texts(page));
      if (page.kind !== "page" || !page.hasMore) break;
      cursor = page.lastId;
    }
    expect(seen).toEqual(["m0", "m1", "m2", "m3", "m4"]);

    const all = await caller.messages.list({ threadId: thread.id, order: "asc" });
    if (all.kind !== "page") throw new Error("no page");
    const before = await caller.messages.list({ threadId: thread.id, order: "asc", limit: 2, before: all.messages[4]?.message.id });
    expect(texts(before)).toEqual(["m2", "m3"]);
  });

  it("shows a run's message with annotations, refusal, run and assistant ids as the upstream has them", async () => {
    const thread = await createThroughSpool(nonce(), []);
    const content = [
      {
        type: "text",
        text: {
          value: "See [1]",
          annotations: [{ type: "file_citation", text: "[1]", file_citation: { file_id: "file-1" }, start_index: 4, end_index: 7 }],
        },
      },
      { type: "refusal", refusal: "No." },
    ];
    const inserted = await fetch(`${emulator.url}/__emulator/threads/${thread.id}/messages`, {
      method: "POST",
      body: JSON.stringify({ role: "assistant", run_id: "run_1", assistant_id: "asst_1", content }),
    });
    expect(inserted.status).toBe(200);
    const page = await caller.messages.list({ threadId: thread.id });
    if (page.kind !== "page") throw new Error("no page");
    expect(page.messages[0]?.message).toMatchObject({ role: "assistant", run_id: "run_1", assistant_id: "asst_1", content });
    expect(page.messages[0]?.spool).toBeNull();
  });

  it("lists an imported thread's messages, and learns its count", async () => {
    const upstream = await elsewhere.beta.threads.create({ messages: [{ role: "user", content: "made elsewhere" }] });
    await caller.threads.import({ id: upstream.id });
    expect((await counters(upstream.id)).messageCount).toBeNull();
    const page = await caller.messages.list({ threadId: upstream.id });
    expect(texts(page)).toEqual(["made elsewhere"]);
    if (page.kind !== "page") throw new Error("no page");
    expect(page.messages[0]?.spool).toBeNull();
    const after = await counters(upstream.id);
    expect(after.messageCount).toBe(1);
    expect(after.lastActivityAt?.getTime()).toBe(upstream.created_at * 1000);
  });

  it("says a thread deleted upstream is missing instead of failing", async () => {
    const thread = await createThroughSpool(nonce());
    await elsewhere.beta.threads.delete(thread.id);
    expect(await caller.messages.list({ threadId: thread.id })).toEqual({ kind: "missing" });
  });

  it("shows an upstream failure as a sentence, and refuses bad paging input naming the field", async () => {
    const thread = await createThroughSpool(nonce());
    emulator.addFault({ kind: "status", status: 503, path: `/v1/threads/${thread.id}/messages`, method: "GET" });
    const failed = await rejection(caller.messages.list({ threadId: thread.id }), "BAD_GATEWAY");
    expect(failed.message).toBe("The upstream failed (503) while listing messages; try again.");

    await rejection(caller.messages.list({ threadId: thread.id, limit: 101 }), "BAD_REQUEST");
    await rejection(caller.messages.list({ threadId: thread.id, after: "msg_<script>" }), "BAD_REQUEST");
    await rejection(caller.messages.list({ threadId: "thread_unknown_to_spool" }), "NOT_FOUND");
  });
});

describe("messages.add", () => {
  it("adds a message upstream, records who added it in the history, and marks it in the list", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag);
    const before = await counters(thread.id);
    const input: AddInput = {
      threadId: thread.id,
      idempotencyKey: randomUUID(),
      request: {
        role: "user",
        content: [{ type: "text", text: `added ${tag}` }, { type: "image_url", image_url: { url: "https://example.com/a.png" } }],
        attachments: [{ file_id: "file-a", tools: [{ type: "code_interpreter" }] }],
        metadata: { from: "page" },
      },
    };
    const added = await alice.messages.add(input);
    expect(added.addedBy).toBe("alice");
    expect(added.message).toMatchObject({ thread_id: thread.id, role: "user", metadata: { from: "page" }, attachments: input.request.attachments });
    expect(await upstreamTexts(thread.id)).toEqual([`hello ${tag}`, `added ${tag}`]);

    const events = await testDb().threadEvent.findMany({ where: { threadId: thread.id, kind: "MESSAGE_ADDED" }, select: { actor: true, detail: true } });
    expect(events).toEqual([{ actor: "alice", detail: { messageId: added.message.id, role: "user", via: "page" } }]);
    const after = await counters(thread.id);
    expect(after.messageCount).toBe((before.messageCount ?? 0) + 1);
    expect(after.lastActivityAt!.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt!.getTime());

    // The list page shows what Spool now knows, without asking the upstream.
    const listed = await caller.threads.list({ filters: { metadata: [{ key: "run", value: tag }] } });
    expect(listed.items).toEqual([expect.objectContaining({ id: thread.id, messageCount: 2, lastActivityAt: new Date(added.message.created_at * 1000).toISOString() })]);

    const page = await caller.messages.list({ threadId: thread.id, order: "asc" });
    if (page.kind !== "page") throw new Error("no page");
    expect(page.messages.map(({ spool }) => spool?.how ?? null)).toEqual(["creation", "added"]);
    expect(page.messages[1]?.spool).toMatchObject({ how: "added", by: "alice", via: "page" });
  });

  it("adds one message for one press: a double click and a retried request after the answer", async () => {
    const thread = await createThroughSpool(nonce(), []);
    const input: AddInput = { threadId: thread.id, idempotencyKey: randomUUID(), request: { role: "user", content: "once" } };
    emulator.addFault({ kind: "latency", ms: 300, path: `/v1/threads/${thread.id}/messages`, method: "POST" });
    const results = await Promise.allSettled([caller.messages.add(input), caller.messages.add(input)]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    expect(fulfilled).toHaveLength(1);
    const second = results.find((result) => result.status === "rejected");
    expect((second as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });

    const retried = await caller.messages.add(input);
    expect(retried.message.id).toBe((fulfilled[0] as PromiseFulfilledResult<{ message: { id: string } }>).value.message.id);
    expect(await upstreamTexts(thread.id)).toEqual(["once"]);

    const reused = await rejection(caller.messages.add({ ...input, request: { role: "user", content: "different" } }), "CONFLICT");
    expect(reused.message).toMatch(/already used for a different message/);
  });

  it("records the press before calling upstream", async () => {
    const thread = await createThroughSpool(nonce(), []);
    const idempotencyKey = randomUUID();
    emulator.addFault({ kind: "latency", ms: 500, path: `/v1/threads/${thread.id}/messages`, method: "POST" });
    const pending = caller.messages.add({ threadId: thread.id, idempotencyKey, request: { role: "user", content: "x" } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const row = await testDb().messageAddition.findUnique({ where: { idempotencyKey }, select: { status: true } });
    expect(row?.status).toBe("PENDING");
    await pending;
    expect((await testDb().messageAddition.findUniqueOrThrow({ where: { idempotencyKey }, select: { status: true } })).status).toBe("CREATED");
  });

  it("shows an upstream 4xx's own message, records it FAILED, and answers a repeat without calling again", async () => {
    const thread = await createThroughSpool(nonce(), []);
    const input: AddInput = { threadId: thread.id, idempotencyKey: randomUUID(), request: { role: "user", content: "x" } };
    emulator.addFault({ kind: "status", status: 400, message: "File file-x not found.", path: `/v1/threads/${thread.id}/messages`, method: "POST" });
    const error = await rejection(caller.messages.add(input), "UNPROCESSABLE_CONTENT");
    expect(error.message).toBe("The upstream rejected the request: File file-x not found.");
    expect(await testDb().messageAddition.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { status: true, errorStatus: true } })).toEqual({
      status: "FAILED",
      errorStatus: 400,
    });
    const repeat = await rejection(caller.messages.add(input), "UNPROCESSABLE_CONTENT");
    expect(repeat.message).toBe(error.message);
    expect(await upstreamTexts(thread.id)).toEqual([]);
  });

  it("says a 5xx after adding, or a timeout, may or may not have added the message", async () => {
    const thread = await createThroughSpool(nonce(), []);
    emulator.addFault({ kind: "status", status: 500, when: "after", path: `/v1/threads/${thread.id}/messages`, method: "POST" });
    const key = randomUUID();
    const failed = await rejection(caller.messages.add({ threadId: thread.id, idempotencyKey: key, request: { role: "user", content: "maybe" } }), "BAD_GATEWAY");
    expect(failed.message).toBe("The upstream failed (500); the message may or may not have been added. Reload the messages to see.");
    expect((await testDb().messageAddition.findUniqueOrThrow({ where: { idempotencyKey: key }, select: { status: true } })).status).toBe("UNKNOWN");
    expect(await upstreamTexts(thread.id)).toEqual(["maybe"]);

    const impatient = createCaller(contextFor(emulator.baseURL, { timeoutMs: 300 }));
    emulator.addFault({ kind: "hang", when: "after", path: `/v1/threads/${thread.id}/messages`, method: "POST" });
    const timedOut = await rejection(
      impatient.messages.add({ threadId: thread.id, idempotencyKey: randomUUID(), request: { role: "user", content: "slow" } }),
      "GATEWAY_TIMEOUT",
    );
    expect(timedOut.message).toMatch(/did not answer in time or dropped the connection; the message may or may not have been added/);
  });

  it("says so when the thread was deleted upstream, or through Spool", async () => {
    const gone = await createThroughSpool(nonce());
    await elsewhere.beta.threads.delete(gone.id);
    const missing = await rejection(caller.messages.add({ threadId: gone.id, idempotencyKey: randomUUID(), request: { role: "user", content: "x" } }), "NOT_FOUND");
    expect(missing.message).toBe(`The upstream has no thread '${gone.id}' any more (deleted elsewhere?); the message was not added.`);

    const deleted = await createThroughSpool(nonce());
    await caller.threads.delete({ id: deleted.id });
    const refused = await rejection(caller.messages.add({ threadId: deleted.id, idempotencyKey: randomUUID(), request: { role: "user", content: "x" } }), "CONFLICT");
    expect(refused.message).toMatch(/was deleted/);
  });

  it("refuses a message that breaks the contract naming the field, recording and sending nothing", async () => {
    const thread = await createThroughSpool(nonce(), []);
    const key = randomUUID();
    const bad = { threadId: thread.id, idempotencyKey: key, request: { role: "system", content: "x", metadata: { k: "v".repeat(513) } } };
    const error = await rejection(caller.messages.add(bad as unknown as AddInput), "BAD_REQUEST");
    const paths = (error.cause as unknown as { issues: Array<{ path: unknown[] }> }).issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(["request.role", "request.metadata.k"]);
    const unstorable = await rejection(caller.messages.add({ threadId: thread.id, idempotencyKey: key, request: { role: "user", content: "nul\u0000" } }), "BAD_REQUEST");
    expect(unstorable.message).toMatch(/NUL character/);
    expect(await testDb().messageAddition.count({ where: { idempotencyKey: key } })).toBe(0);
    expect(await upstreamTexts(thread.id)).toEqual([]);
  });
});

describe("the list's message count", () => {
  /** The count `threads.list` shows for `id` (the list reads the stored count, never the messages). */
  async function listedCount(id: string, run: string) {
    const { items } = await caller.threads.list({ filters: { metadata: [{ key: "run", value: run }], deleted: "include" } });
    expect(items.map((item) => item.id)).toEqual([id]);
    return items[0]!.messageCount;
  }

  it("is the messages Spool sent, one more per message added, unchanged by refresh, update and delete", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag, [
      { role: "user", content: `one ${tag}` },
      { role: "user", content: `two ${tag}` },
    ]);
    expect(await listedCount(thread.id, tag)).toBe(2);
    await caller.messages.add({ threadId: thread.id, idempotencyKey: randomUUID(), request: { role: "user", content: `three ${tag}` } });
    expect(await listedCount(thread.id, tag)).toBe(3);
    await caller.threads.refresh({ id: thread.id });
    expect(await listedCount(thread.id, tag)).toBe(3);
    await caller.threads.update({ id: thread.id, request: { metadata: { run: tag, step: "updated" } } });
    expect(await listedCount(thread.id, tag)).toBe(3);
    await caller.threads.delete({ id: thread.id });
    expect(await listedCount(thread.id, tag)).toBe(3);
  });

  it("is unknown for an imported thread until its whole message list has been read", async () => {
    const tag = nonce();
    const upstream = await elsewhere.beta.threads.create({ messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }], metadata: { run: tag } });
    await caller.threads.import({ id: upstream.id });
    expect(await listedCount(upstream.id, tag)).toBeNull();
    // One more through Spool: one more than unknown is still unknown.
    await caller.messages.add({ threadId: upstream.id, idempotencyKey: randomUUID(), request: { role: "user", content: "c" } });
    expect(await listedCount(upstream.id, tag)).toBeNull();
    await caller.messages.list({ threadId: upstream.id });
    expect(await listedCount(upstream.id, tag)).toBe(3);
  });
});

describe("the list's last activity from a server that writes times in milliseconds", () => {
  it("reads a message's created_at in milliseconds as the second it names", async () => {
    const thread = await createThroughSpool(nonce(), []);
    const seconds = (await counters(thread.id)).lastActivityAt!.getTime() / 1000 + 60;
    const inserted = await fetch(`${emulator.url}/__emulator/threads/${thread.id}/messages`, {
      method: "POST",
      body: JSON.stringify({ role: "assistant", created_at: seconds * 1000 + 250, content: [{ type: "text", text: { value: "late", annotations: [] } }] }),
    });
    expect(inserted.status).toBe(200);
    await caller.messages.list({ threadId: thread.id });
    expect((await counters(thread.id)).lastActivityAt?.getTime()).toBe(seconds * 1000);
  });
});

describe("recordAddedMessage (for the /v1 gateway)", () => {
  it("writes the history line and keeps an unknown count unknown", async () => {
    const upstream = await elsewhere.beta.threads.create();
    await caller.threads.import({ id: upstream.id });
    const message = await elsewhere.beta.threads.messages.create(upstream.id, { role: "assistant", content: "via gateway" });
    await testDb().$transaction((tx) => recordAddedMessage(tx, { threadId: upstream.id, message, actor: "bob", via: "gateway" }));
    const row = await counters(upstream.id);
    expect(row.messageCount).toBeNull();
    expect(row.lastActivityAt?.getTime()).toBe(message.created_at * 1000);
    const page = await caller.messages.list({ threadId: upstream.id });
    if (page.kind !== "page") throw new Error("no page");
    expect(page.messages[0]?.spool).toMatchObject({ how: "added", by: "bob", via: "gateway" });
  });

  it("takes a created_at in milliseconds as seconds, and leaves the last activity alone for one that cannot be a time", async () => {
    const upstream = await elsewhere.beta.threads.create();
    await caller.threads.import({ id: upstream.id });
    const message = await elsewhere.beta.threads.messages.create(upstream.id, { role: "user", content: "from a millisecond server" });
    const later = message.created_at + 90;
    await testDb().$transaction((tx) => recordAddedMessage(tx, { threadId: upstream.id, message: { ...message, created_at: later * 1000 + 999 }, actor: null, via: "gateway" }));
    expect((await counters(upstream.id)).lastActivityAt?.getTime()).toBe(later * 1000);
    for (const created_at of [Number.POSITIVE_INFINITY, -1, 1e300]) {
      await testDb().$transaction((tx) => recordAddedMessage(tx, { threadId: upstream.id, message: { ...message, created_at }, actor: null, via: "gateway" }));
    }
    expect((await counters(upstream.id)).lastActivityAt?.getTime()).toBe(later * 1000);
  });
});
