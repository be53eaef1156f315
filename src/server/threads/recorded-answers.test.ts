// What real compatible servers answer, replayed through Spool's real create, import and
// list paths: every answer recorded, nothing lost (the body is kept as sent).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createCaller } from "~/server/routers/_app";
import { RECORDED_ANSWERS } from "~/test/recorded-answers";
import { startScriptedUpstream, type ScriptedUpstream } from "~/test/scripted-upstream";
import { contextFor, nonce, startTestEmulator, testDb } from "~/test/test-stack";

let upstream: ScriptedUpstream;
let emulator: RunningEmulator;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await upstream?.close();
  await emulator?.close();
});

/** The scripted server's ids are fixed, so each test clears its own earlier copy first. */
async function forget(id: string) {
  await testDb().createAttempt.updateMany({ where: { threadId: id }, data: { threadId: null } });
  await testDb().thread.deleteMany({ where: { id } });
}

describe.each(RECORDED_ANSWERS)("an answer from $server", (answer) => {
  it("is recorded on create: the body exactly as sent, created_at in seconds, unknown fields kept, listed", async () => {
    await forget(answer.expected.id);
    const caller = createCaller(contextFor(upstream.baseURL));
    upstream.answerNext({ body: answer.body });
    const run = nonce();
    const thread = await caller.threads.create({ idempotencyKey: randomUUID(), request: { metadata: { run } } });

    expect(thread.id).toBe(answer.expected.id);
    expect(thread.createdAt).toBe(answer.expected.createdAt);
    expect(thread.metadata).toEqual(answer.expected.metadata);
    expect(Object.keys(thread.metadata as object)).toEqual(Object.keys(answer.expected.metadata));
    expect(thread.toolResources).toEqual(answer.expected.toolResources);
    // The response shown is the server's, extra fields and key order included.
    expect(JSON.stringify(thread.response)).toBe(JSON.stringify(JSON.parse(answer.body)));
    const row = await testDb().thread.findUniqueOrThrow({ where: { id: answer.expected.id }, select: { responseText: true, createdAt: true } });
    expect(row.responseText).toBe(answer.body);
    expect(row.createdAt).toBe(BigInt(answer.expected.createdAt));

    const attempt = await testDb().createAttempt.findFirstOrThrow({ where: { threadId: answer.expected.id }, select: { status: true } });
    expect(attempt.status).toBe("CREATED");
    // Listed in its own second: other test files' threads (created now) must not crowd it out of the page.
    const second = (offset: number) => new Date((answer.expected.createdAt + offset) * 1000).toISOString();
    const listed = await caller.threads.list({ limit: 100, filters: { createdFrom: second(0), createdTo: second(0.999) } });
    expect(listed.items.map((item) => item.id)).toContain(answer.expected.id);
  });

  it("is recorded on import by id", async () => {
    await forget(answer.expected.id);
    const caller = createCaller(contextFor(upstream.baseURL));
    upstream.answerNext({ body: answer.body });
    await expect(caller.threads.import({ id: answer.expected.id })).resolves.toEqual({ id: answer.expected.id, alreadyRecorded: false });
    const thread = await caller.threads.byId({ id: answer.expected.id });
    expect(thread.createdAt).toBe(answer.expected.createdAt);
    expect(JSON.stringify(thread.response)).toBe(JSON.stringify(JSON.parse(answer.body)));
    expect(upstream.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/threads/${answer.expected.id}` });
  });
});

describe("an answer Spool cannot read a thread from", () => {
  it("is an UNKNOWN attempt naming the problem (a thread may exist), never a 500 or a made-up record", async () => {
    const caller = createCaller(contextFor(upstream.baseURL));
    const idempotencyKey = randomUUID();
    upstream.answerNext({ body: JSON.stringify({ id: `thread_${"x".repeat(300)}`, object: "thread", created_at: 1 }) });
    const error = await caller.threads.create({ idempotencyKey, request: {} }).then(
      () => ({ code: "none", message: "created" }),
      (caught: unknown) => caught as Error & { code: string },
    );
    expect(error.code).toBe("BAD_GATEWAY");
    expect(error.message).toMatch(/answered 200 but Spool cannot read a thread from it \(id: Thread ids are at most 200 characters/);
    const attempt = await testDb().createAttempt.findUniqueOrThrow({ where: { idempotencyKey }, select: { status: true, errorStatus: true } });
    expect(attempt).toEqual({ status: "UNKNOWN", errorStatus: 200 });
  });
});

describe("metadata order", () => {
  it("is kept as the request gave it, on the thread and in the list (jsonb alone sorts keys shortest first)", async () => {
    const caller = createCaller(contextFor(emulator.baseURL));
    const run = nonce();
    const metadata = { zeta: "1", b: "2", run, alpha: "3", mid: "4" };
    const created = await caller.threads.create({ idempotencyKey: randomUUID(), request: { metadata } });
    expect(Object.keys(created.metadata as object)).toEqual(Object.keys(metadata));
    expect(Object.keys((await caller.threads.byId({ id: created.id })).metadata as object)).toEqual(Object.keys(metadata));
    const listed = await caller.threads.list({ filters: { metadata: [{ key: "run", value: run }] } });
    expect(Object.keys(listed.items[0]!.metadata)).toEqual(Object.keys(metadata));

    const changed = { mid: "5", zeta: "6", alpha: "7", run };
    const updated = await caller.threads.update({ id: created.id, request: { metadata: changed } });
    expect(Object.keys(updated.metadata as object)).toEqual(Object.keys(changed));
  });
});
