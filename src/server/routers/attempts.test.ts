import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createCaller } from "~/server/routers/_app";
import { rejection } from "~/test/trpc-rejection";
import { contextFor, nonce, startTestEmulator, testDb } from "~/test/test-stack";

let emulator: RunningEmulator;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  caller = createCaller(contextFor(emulator.baseURL, { viewer: { kind: "signed-in", id: "ada@example.com" } }));
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.clearFaults());

function request(tag: string) {
  return { idempotencyKey: randomUUID(), request: { messages: [{ role: "user" as const, content: `Hello ${tag}` }], metadata: { run: tag } } };
}

/** Creates through Spool with `fault` on the upstream; returns the attempt id the error names. */
async function failedAttempt(tag: string, fault: Parameters<RunningEmulator["addFault"]>[0]) {
  emulator.addFault(fault);
  const error = await rejection(caller.threads.create(request(tag)));
  const attempt = await testDb().createAttempt.findFirstOrThrow({
    where: { request: { path: ["metadata", "run"], equals: tag } },
    select: { id: true, status: true },
  });
  return { error, attempt };
}

const upstreamCount = (tag: string) => emulator.ledger().filter((entry) => entry.body.includes(tag)).length;

async function listedIds() {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof caller.attempts.list>> = await caller.attempts.list({ limit: 100, cursor });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("attempts.list", () => {
  it("lists unknown and failed attempts with what they asked for, and never created ones", async () => {
    const tag = nonce();
    const unknown = await failedAttempt(`${tag}-u`, { kind: "status", status: 500, when: "after", match: `${tag}-u` });
    const failed = await failedAttempt(`${tag}-f`, { kind: "status", status: 400, message: "no", when: "before", match: `${tag}-f` });
    const created = await caller.threads.create(request(`${tag}-c`));

    const page = await caller.attempts.list({ limit: 100 });
    const item = page.items.find((entry) => entry.id === unknown.attempt.id);
    expect(item).toMatchObject({
      status: "UNKNOWN",
      errorStatus: 500,
      createdBy: "ada@example.com",
      firstMessage: `Hello ${tag}-u`,
      messageCount: 1,
      metadata: { run: `${tag}-u` },
    });
    expect(page.items.find((entry) => entry.id === failed.attempt.id)?.status).toBe("FAILED");
    const all = await listedIds();
    const createdAttempt = await testDb().createAttempt.findFirstOrThrow({ where: { threadId: created.id }, select: { id: true } });
    expect(all).not.toContain(createdAttempt.id);
    expect(await caller.attempts.count()).toBeGreaterThanOrEqual(2);
  });
});

describe("attempts.retry", () => {
  it("sends the same request as a new attempt, records the thread, and takes the old one off the list", async () => {
    const tag = nonce();
    const { attempt } = await failedAttempt(tag, { kind: "status", status: 503, when: "before", match: tag });
    expect(upstreamCount(tag)).toBe(0);

    const thread = await caller.attempts.retry({ id: attempt.id });
    expect(thread.messages[0]?.content).toBe(`Hello ${tag}`);
    expect(upstreamCount(tag)).toBe(1);
    const retry = await testDb().createAttempt.findFirstOrThrow({ where: { retryOfId: attempt.id } });
    expect(retry).toMatchObject({ status: "CREATED", threadId: thread.id, createdBy: "ada@example.com" });
    expect(await listedIds()).not.toContain(attempt.id);
  });

  it("sends a retry pressed twice only once", async () => {
    const tag = nonce();
    const { attempt } = await failedAttempt(tag, { kind: "status", status: 500, when: "before", match: tag });
    emulator.addFault({ kind: "latency", ms: 300, match: tag });
    const results = await Promise.allSettled([caller.attempts.retry({ id: attempt.id }), caller.attempts.retry({ id: attempt.id })]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const again = await caller.attempts.retry({ id: attempt.id });
    expect(upstreamCount(tag)).toBe(1);
    expect(again.id).toBe((results.find((result) => result.status === "fulfilled") as PromiseFulfilledResult<{ id: string }>).value.id);
  });

  it("refuses to retry an attempt that created its thread, or one that does not exist", async () => {
    const thread = await caller.threads.create(request(nonce()));
    const attempt = await testDb().createAttempt.findFirstOrThrow({ where: { threadId: thread.id }, select: { id: true } });
    expect((await rejection(caller.attempts.retry({ id: attempt.id }))).code).toBe("CONFLICT");
    const missing = randomUUID();
    const error = await rejection(caller.attempts.retry({ id: missing }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain(missing);
  });
});

describe("attempts.dismiss", () => {
  it("hides the attempt from the list and records who dismissed it", async () => {
    const tag = nonce();
    const { attempt } = await failedAttempt(tag, { kind: "drop", when: "after", match: tag });
    expect(attempt.status).toBe("UNKNOWN");
    expect(await listedIds()).toContain(attempt.id);

    await caller.attempts.dismiss({ id: attempt.id });
    await caller.attempts.dismiss({ id: attempt.id });
    expect(await listedIds()).not.toContain(attempt.id);
    const stored = await testDb().createAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored).toMatchObject({ status: "UNKNOWN", dismissedBy: "ada@example.com" });
    expect(stored.dismissedAt).toBeInstanceOf(Date);
  });

  it("refuses to dismiss an attempt that created its thread", async () => {
    const thread = await caller.threads.create(request(nonce()));
    const attempt = await testDb().createAttempt.findFirstOrThrow({ where: { threadId: thread.id }, select: { id: true } });
    expect((await rejection(caller.attempts.dismiss({ id: attempt.id }))).code).toBe("CONFLICT");
  });
});

describe("automatic retries", () => {
  it("repeats a create refused with 429 and Retry-After, creating exactly one thread", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "status", status: 429, retryAfter: 1, when: "before", match: tag });
    const input = request(tag);
    const thread = await caller.threads.create(input);
    expect(upstreamCount(tag)).toBe(1);
    const attempt = await testDb().createAttempt.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(attempt).toMatchObject({ status: "CREATED", threadId: thread.id, autoRetries: 1 });
  });

  it("does not repeat a 429 without Retry-After: it is recorded as failed", async () => {
    const tag = nonce();
    const { error, attempt } = await failedAttempt(tag, { kind: "status", status: 429, when: "before", match: tag });
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(attempt.status).toBe("FAILED");
    expect(emulator.ledger().some((entry) => entry.body.includes(tag))).toBe(false);
  });

  it("never repeats a 5xx or a timeout, which the upstream may have processed", async () => {
    const tag = nonce();
    // Two faults queued: a repeat would meet the second and be visible as a used fault.
    emulator.addFault({ kind: "status", status: 502, when: "after", match: tag, times: 2 });
    const { attempt } = await failedAttempt(tag, []);
    expect(attempt.status).toBe("UNKNOWN");
    expect(upstreamCount(tag)).toBe(1);
    const stored = await testDb().createAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored.autoRetries).toBe(0);
  });

  it("repeats a refused connection a bounded number of times, then records it as failed", async () => {
    const closed = await startTestEmulator();
    const baseURL = closed.baseURL;
    await closed.close();
    const input = request(nonce());
    const error = await rejection(createCaller(contextFor(baseURL)).threads.create(input));
    expect(error.message).toMatch(/unreachable/i);
    const attempt = await testDb().createAttempt.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
    expect(attempt).toMatchObject({ status: "FAILED", autoRetries: 2 });
  });
});

describe("who created it", () => {
  it("records the signed-in person on the attempt and the thread", async () => {
    const input = request(nonce());
    const thread = await caller.threads.create(input);
    expect((await testDb().thread.findUniqueOrThrow({ where: { id: thread.id } })).createdBy).toBe("ada@example.com");
    expect((await testDb().createAttempt.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } })).createdBy).toBe(
      "ada@example.com",
    );
  });
});
