import { randomUUID } from "node:crypto";
import { TRPCError, type inferProcedureInput } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { PREVIEW_CHARS } from "~/lib/thread-preview";
import { createCaller, type AppRouter } from "~/server/routers/_app";
import { rejection } from "~/test/trpc-rejection";
import { contextFor, nonce, startTestEmulator, testDb, TEST_API_KEY } from "~/test/test-stack";

type CreateInput = inferProcedureInput<AppRouter["threads"]["create"]>;

let emulator: RunningEmulator;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  caller = createCaller(contextFor(emulator.baseURL));
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.clearFaults());

function input(tag: string, extra: Partial<CreateInput["request"]> = {}): CreateInput {
  return {
    idempotencyKey: randomUUID(),
    request: {
      messages: [
        { role: "user", content: `Hello from ${tag}` },
        { role: "assistant", content: "Hi! How can I help?" },
      ],
      metadata: { run: tag, team: "qa" },
      ...extra,
    },
  };
}

async function recorded(idempotencyKey: string) {
  return testDb().createAttempt.findUnique({ where: { idempotencyKey }, include: { thread: true } });
}

describe("threads.create", () => {
  it("creates the thread upstream and stores it with its messages and exact request", async () => {
    const tag = nonce();
    const request = input(tag);
    const thread = await caller.threads.create(request);

    expect(thread.id).toMatch(/^thread_[A-Za-z0-9]{24}$/);
    expect(thread.metadata).toEqual({ run: tag, team: "qa" });
    expect(thread.request).toEqual(request.request);
    expect(thread.messages.map((m) => [m.position, m.role, m.content])).toEqual([
      [0, "user", `Hello from ${tag}`],
      [1, "assistant", "Hi! How can I help?"],
    ]);
    const upstream = emulator.ledger().find((entry) => entry.id === thread.id);
    expect(upstream).toBeDefined();
    expect(JSON.parse(upstream!.body)).toEqual(request.request);
    expect((await recorded(request.idempotencyKey))?.status).toBe("CREATED");
  });

  it("answers with exactly what a later read of the thread shows, and finds it by its message text", async () => {
    const tag = nonce();
    const request = input(tag, {
      messages: [
        { role: "user", content: [{ type: "text", text: `Spectacular ${tag}` }, { type: "image_file", image_file: { file_id: "file-1" } }], metadata: { m: "1" } },
        { role: "assistant", content: "plain words", attachments: [{ file_id: "file-2", tools: [{ type: "code_interpreter" }] }] },
      ],
      tool_resources: { code_interpreter: { file_ids: ["file-3"] } },
    });
    const thread = await caller.threads.create(request);

    expect(thread).toEqual(await caller.threads.byId({ id: thread.id }));
    expect(thread.events.map((event) => [event.kind, event.actor])).toEqual([["CREATED", null]]);
    expect(thread.recordedAt).toBeInstanceOf(Date);
    const found = await caller.threads.list({ limit: 5, filters: { search: `spectacular ${tag}` } });
    expect(found.items.map((item) => item.id)).toEqual([thread.id]);
  });

  it("gives the list the start of the first message's text: the first text part of content parts, cut at PREVIEW_CHARS characters", async () => {
    const tag = nonce();
    const long = `${"Ünïcode words ".repeat(15)}${tag}`;
    const created = await Promise.all([
      caller.threads.create(input(tag, { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }, { type: "text", text: `Look ${tag}` }] }] })),
      caller.threads.create(input(tag, { messages: [{ role: "user", content: long }, { role: "assistant", content: "second" }] })),
      caller.threads.create(input(tag, { messages: [{ role: "user", content: [{ type: "image_file", image_file: { file_id: "file-1" } }] }] })),
      caller.threads.create(input(tag, { messages: [] })),
    ]);
    const page = await caller.threads.list({ limit: 10, filters: { metadata: [{ key: "run", value: tag }] } });
    const previewOf = new Map(page.items.map((item) => [item.id, item.preview]));
    expect(created.map((thread) => previewOf.get(thread.id))).toEqual([`Look ${tag}`, [...long].slice(0, PREVIEW_CHARS).join(""), null, null]);
  });

  it("creates an empty thread from an empty request", async () => {
    const thread = await caller.threads.create({ idempotencyKey: randomUUID(), request: {} });
    expect(thread.messages).toEqual([]);
    expect(thread.metadata).toEqual({});
  });

  it("rejects 17 metadata pairs with BAD_REQUEST naming the field, sending and storing nothing", async () => {
    const tag = nonce();
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, tag]));
    const request = input(tag, { metadata });
    const ledgerBefore = emulator.ledger().length;

    const error = await rejection(caller.threads.create(request), "BAD_REQUEST");
    expect(error.message).toMatch(/metadata/);
    expect(emulator.ledger().length).toBe(ledgerBefore);
    expect(await recorded(request.idempotencyKey)).toBeNull();
  });

  it("shows the upstream's own message for a 4xx and records the attempt as failed, with no thread", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "status", status: 400, message: `Upstream says no to ${tag}`, when: "before", match: tag });
    const request = input(tag);

    const error = await rejection(caller.threads.create(request), "UNPROCESSABLE_CONTENT");
    expect(error.message).toContain(`Upstream says no to ${tag}`);
    const attempt = await recorded(request.idempotencyKey);
    expect(attempt).toMatchObject({ status: "FAILED", errorStatus: 400, threadId: null });
  });

  it("records a 5xx after the upstream created the thread as outcome unknown, never as a thread", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "status", status: 500, when: "after", match: tag });
    const request = input(tag);

    await rejection(caller.threads.create(request), "BAD_GATEWAY");
    expect(await recorded(request.idempotencyKey)).toMatchObject({ status: "UNKNOWN", errorStatus: 500, thread: null });
    // The upstream did create one: exactly the case "outcome unknown" exists for.
    expect(emulator.ledger().some((entry) => entry.body.includes(tag))).toBe(true);
  });

  it("records an unreachable upstream as failed with a clear message", async () => {
    const closed = await startTestEmulator();
    const baseURL = closed.baseURL;
    await closed.close();
    const request = input(nonce());

    const error = await rejection(createCaller(contextFor(baseURL)).threads.create(request), "BAD_GATEWAY");
    expect(error.message).toMatch(/unreachable/i);
    expect(await recorded(request.idempotencyKey)).toMatchObject({ status: "FAILED", thread: null });
  });

  it("never echoes the API key in an upstream error", async () => {
    const tag = nonce();
    emulator.addFault({
      kind: "status",
      status: 401,
      message: `Incorrect API key provided: ${TEST_API_KEY}`,
      when: "before",
      match: tag,
    });
    const error = await rejection(caller.threads.create(input(tag)), "BAD_GATEWAY");
    expect(error.message).toContain("[redacted]");
    expect(error.message).not.toContain(TEST_API_KEY);
  });

  it("creates one thread when the same submission arrives twice", async () => {
    const tag = nonce();
    const request = input(tag);
    const first = await caller.threads.create(request);
    const again = await caller.threads.create(request);

    expect(again.id).toBe(first.id);
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
  });

  it("creates one thread when the same submission arrives twice at once", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "latency", ms: 300, match: tag });
    const request = input(tag);
    const results = await Promise.allSettled([caller.threads.create(request), caller.threads.create(request)]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as TRPCError).code).toBe("CONFLICT");
    expect(emulator.ledger().filter((entry) => entry.body.includes(tag))).toHaveLength(1);
  });

  it("refuses an idempotency key reused for a different request", async () => {
    const request = input(nonce());
    await caller.threads.create(request);
    await rejection(
      caller.threads.create({ ...request, request: { ...request.request, metadata: { other: "body" } } }),
      "CONFLICT",
    );
  });
});
