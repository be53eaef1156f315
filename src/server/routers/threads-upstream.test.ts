import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createCaller } from "~/server/routers/_app";
import { rejection } from "~/test/trpc-rejection";
import { contextFor, nonce, startTestEmulator, testDb, TEST_API_KEY } from "~/test/test-stack";

let emulator: RunningEmulator;
let caller: ReturnType<typeof createCaller>;
/** The SDK used directly: a client of the same upstream that is not Spool ("elsewhere"). */
let elsewhere: OpenAI;

beforeAll(async () => {
  emulator = await startTestEmulator();
  caller = createCaller(contextFor(emulator.baseURL));
  elsewhere = new OpenAI({ apiKey: TEST_API_KEY, baseURL: emulator.baseURL, timeout: 5_000, maxRetries: 0 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.clearFaults());

async function createThroughSpool(tag: string) {
  return caller.threads.create({
    idempotencyKey: randomUUID(),
    request: { messages: [{ role: "user", content: `hello ${tag}` }], metadata: { run: tag, team: "qa" } },
  });
}

/** The stored record's fields that an upstream action may change. */
async function stored(id: string) {
  return testDb().thread.findUniqueOrThrow({
    where: { id },
    select: { metadata: true, toolResources: true, response: true, deletedAt: true, origin: true, request: true },
  });
}

async function eventKinds(id: string) {
  const events = await testDb().threadEvent.findMany({ where: { threadId: id }, orderBy: { at: "asc" }, select: { kind: true } });
  return events.map((event) => event.kind);
}

const threadPath = (id: string) => `/v1/threads/${id}`;

describe("threads.import", () => {
  it("records a thread created elsewhere, with its messages and request marked unknown", async () => {
    const tag = nonce();
    const upstream = await elsewhere.beta.threads.create({ metadata: { run: tag, source: "cli" } });

    expect(await caller.threads.import({ id: upstream.id })).toEqual({ id: upstream.id, alreadyRecorded: false });
    const thread = await caller.threads.byId({ id: upstream.id });
    expect(thread).toMatchObject({ origin: "IMPORTED", request: null, messages: [], metadata: { run: tag, source: "cli" } });
    expect(thread.createdAt).toBe(upstream.created_at);
    expect(thread.response).toEqual(upstream);
    expect(thread.events.map((event) => event.kind)).toEqual(["IMPORTED"]);
  });

  it("answers 'already recorded' for a thread Spool has, without asking the upstream", async () => {
    const thread = await createThroughSpool(nonce());
    emulator.addFault({ kind: "status", status: 500, path: threadPath(thread.id) });
    expect(await caller.threads.import({ id: thread.id })).toEqual({ id: thread.id, alreadyRecorded: true });
    expect(await eventKinds(thread.id)).toEqual(["CREATED"]);
  });

  it("says the upstream has no such thread and records nothing", async () => {
    const id = "thread_nosuchthread0000000000000";
    const error = await rejection(caller.threads.import({ id }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain(id);
    expect(await testDb().thread.findUnique({ where: { id } })).toBeNull();
  });

  it("refuses, with 422 naming the field, a thread holding what Spool cannot store, and records nothing", async () => {
    for (const [metadata, path] of [
      [{ constructor: "x" }, "metadata.constructor"],
      [{ note: "a\u0000b" }, "metadata.note"],
    ] as const) {
      const upstream = await elsewhere.beta.threads.create({ metadata });
      const error = await rejection(caller.threads.import({ id: upstream.id }));
      expect(error.code).toBe("UNPROCESSABLE_CONTENT");
      expect(error.message).toContain(`At ${path}: `);
      expect(error.message).toContain("cannot import it");
      expect(await testDb().thread.findUnique({ where: { id: upstream.id } })).toBeNull();
    }
  });

  it("shows an upstream failure and records nothing", async () => {
    const upstream = await elsewhere.beta.threads.create({});
    emulator.addFault({ kind: "status", status: 503, path: threadPath(upstream.id) });
    const error = await rejection(caller.threads.import({ id: upstream.id }));
    expect(error.code).toBe("BAD_GATEWAY");
    expect(error.message).toMatch(/503/);
    expect(await testDb().thread.findUnique({ where: { id: upstream.id } })).toBeNull();
  });
});

describe("threads.update", () => {
  it("changes the metadata upstream, then the record, and logs before and after", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag);

    const updated = await caller.threads.update({ id: thread.id, request: { metadata: { run: tag, team: "support" } } });
    expect(updated.metadata).toEqual({ run: tag, team: "support" });
    expect((await elsewhere.beta.threads.retrieve(thread.id)).metadata).toEqual({ run: tag, team: "support" });
    const event = updated.events[0];
    expect(event).toMatchObject({
      kind: "METADATA_CHANGED",
      detail: { before: { run: tag, team: "qa" }, after: { run: tag, team: "support" } },
    });
    expect(updated.request).toEqual(thread.request);
  });

  it("refuses metadata over the limits with BAD_REQUEST, sending nothing", async () => {
    const thread = await createThroughSpool(nonce());
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
    const error = await rejection(caller.threads.update({ id: thread.id, request: { metadata } }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/16/);
    const tooLong = await rejection(caller.threads.update({ id: thread.id, request: { metadata: { k: "v".repeat(513) } } }));
    expect(tooLong.code).toBe("BAD_REQUEST");
    expect((await elsewhere.beta.threads.retrieve(thread.id)).metadata).toEqual(thread.metadata);
  });

  it.each([
    { status: 400, code: "UNPROCESSABLE_CONTENT" },
    { status: 500, code: "BAD_GATEWAY" },
  ] as const)("shows an upstream $status and leaves the record unchanged", async ({ status, code }) => {
    const thread = await createThroughSpool(nonce());
    const before = await stored(thread.id);
    emulator.addFault({ kind: "status", status, message: "Metadata service is down", path: threadPath(thread.id) });

    const error = await rejection(caller.threads.update({ id: thread.id, request: { metadata: { changed: "yes" } } }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/unchanged/);
    expect(await stored(thread.id)).toEqual(before);
    expect(await eventKinds(thread.id)).toEqual(["CREATED"]);
  });

  it("refuses, with 422, an upstream answer holding what Spool cannot store, and leaves the record unchanged", async () => {
    const thread = await createThroughSpool(nonce());
    const before = await stored(thread.id);
    await elsewhere.beta.threads.update(thread.id, { tool_resources: { code_interpreter: { file_ids: ["file-a\u0000b"] } } });

    const error = await rejection(caller.threads.update({ id: thread.id, request: { metadata: { changed: "yes" } } }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toMatch(/changed it upstream.*At tool_resources\.code_interpreter\.file_ids\[0\]: Text cannot contain the NUL character/);
    expect(await stored(thread.id)).toEqual(before);
    expect(await eventKinds(thread.id)).toEqual(["CREATED"]);
  });

  it("says an unknown id is not found", async () => {
    const error = await rejection(caller.threads.update({ id: "thread_unknown", request: { metadata: {} } }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("threads.delete", () => {
  it("deletes upstream and keeps the record, marked deleted and hidden from the default list", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag);

    const result = await caller.threads.delete({ id: thread.id });
    expect(result.deletedAt).toBeInstanceOf(Date);
    await expect(elsewhere.beta.threads.retrieve(thread.id)).rejects.toMatchObject({ status: 404 });
    const kept = await caller.threads.byId({ id: thread.id });
    expect(kept.deletedAt).toEqual(result.deletedAt);
    expect(kept.messages).toHaveLength(1);
    expect(kept.events.map((event) => event.kind)).toEqual(["DELETED", "CREATED"]);

    const filters = { metadata: [{ key: "run", value: tag }] };
    expect((await caller.threads.list({ filters })).items).toEqual([]);
    expect((await caller.threads.list({ filters: { ...filters, deleted: "only" } })).items.map((item) => item.id)).toEqual([thread.id]);

    // Deleting again changes nothing and asks nothing.
    expect(await caller.threads.delete({ id: thread.id })).toEqual(result);
    const error = await rejection(caller.threads.update({ id: thread.id, request: { metadata: {} } }));
    expect(error.code).toBe("CONFLICT");
  });

  it("shows an upstream failure and leaves the record and the upstream thread as they were", async () => {
    const thread = await createThroughSpool(nonce());
    const before = await stored(thread.id);
    emulator.addFault({ kind: "status", status: 502, method: "DELETE", path: threadPath(thread.id) });

    const error = await rejection(caller.threads.delete({ id: thread.id }));
    expect(error.code).toBe("BAD_GATEWAY");
    expect(error.message).toMatch(/may or may not/);
    expect(await stored(thread.id)).toEqual(before);
    expect((await elsewhere.beta.threads.retrieve(thread.id)).id).toBe(thread.id);
  });

  it("says the upstream no longer has a thread deleted elsewhere, and keeps the record live", async () => {
    const thread = await createThroughSpool(nonce());
    await elsewhere.beta.threads.delete(thread.id);
    const error = await rejection(caller.threads.delete({ id: thread.id }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await stored(thread.id)).deletedAt).toBeNull();
  });
});

describe("threads.refresh", () => {
  it("reports and stores what changed upstream", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag);
    expect(await caller.threads.refresh({ id: thread.id })).toEqual({ outcome: "unchanged", changes: [] });

    await elsewhere.beta.threads.update(thread.id, { metadata: { run: tag, owner: "grace" } });
    const result = await caller.threads.refresh({ id: thread.id });
    expect(result).toEqual({
      outcome: "changed",
      changes: [
        { field: "metadata.owner", before: null, after: "grace" },
        { field: "metadata.team", before: "qa", after: null },
      ],
    });
    const after = await caller.threads.byId({ id: thread.id });
    expect(after.metadata).toEqual({ run: tag, owner: "grace" });
    expect(after.events.map((event) => event.kind)).toEqual(["REFRESHED", "REFRESHED", "CREATED"]);
  });

  it("says the upstream no longer has the thread, and keeps the record", async () => {
    const thread = await createThroughSpool(nonce());
    await elsewhere.beta.threads.delete(thread.id);
    expect(await caller.threads.refresh({ id: thread.id })).toEqual({ outcome: "missing", changes: [] });
    const after = await stored(thread.id);
    expect(after.metadata).toEqual(thread.metadata);
    expect(after.deletedAt).toBeNull();
  });

  it("refuses, with 422, an upstream change Spool cannot store, and leaves the record unchanged", async () => {
    const tag = nonce();
    const thread = await createThroughSpool(tag);
    const before = await stored(thread.id);
    await elsewhere.beta.threads.update(thread.id, { metadata: { run: tag, prototype: "x" } });
    const error = await rejection(caller.threads.refresh({ id: thread.id }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toContain('At metadata.prototype: Metadata key "prototype" is reserved');
    expect(await stored(thread.id)).toEqual(before);
    expect(await eventKinds(thread.id)).toEqual(["CREATED"]);
  });

  it("shows an upstream failure and leaves the record unchanged", async () => {
    const thread = await createThroughSpool(nonce());
    const before = await stored(thread.id);
    emulator.addFault({ kind: "status", status: 500, path: threadPath(thread.id) });
    const error = await rejection(caller.threads.refresh({ id: thread.id }));
    expect(error.code).toBe("BAD_GATEWAY");
    expect(await stored(thread.id)).toEqual(before);
    expect(await eventKinds(thread.id)).toEqual(["CREATED"]);
  });
});
