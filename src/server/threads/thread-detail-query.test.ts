// The thread page's one-statement read gives exactly what the ORM's nested select gives.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createCaller } from "~/server/routers/_app";
import { contextFor, nonce, startTestEmulator, testDb } from "~/test/test-stack";
import { findThreadDetail } from "./thread-detail-query";
import { HISTORY_SHOWN, threadDetailSelect, threadView } from "./thread-selects";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.close());

const ormRead = async (id: string) => threadView(await testDb().thread.findUnique({ where: { id }, select: threadDetailSelect }));

describe("findThreadDetail", () => {
  it("reads a thread with messages of every shape, metadata in the upstream's order, and its history", async () => {
    const caller = createCaller(contextFor(emulator.baseURL));
    const thread = await caller.threads.create({
      idempotencyKey: randomUUID(),
      request: {
        metadata: { zeta: "1", alpha: "2", run: nonce() },
        messages: [
          { role: "user", content: "plain text" },
          {
            role: "assistant",
            content: [{ type: "text", text: "parts" }, { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } }],
            metadata: { step: "2" },
          },
          { role: "user", content: "with a file", attachments: [{ file_id: "file-abc", tools: [{ type: "code_interpreter" }] }] },
        ],
      },
    });
    await caller.threads.update({ id: thread.id, request: { metadata: { zeta: "9", alpha: "2", run: "changed" } } });

    const raw = await findThreadDetail(testDb(), thread.id);
    expect(raw).toEqual(await ormRead(thread.id));
    expect(raw?.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(raw?.events.map((event) => event.kind)).toEqual(["METADATA_CHANGED", "CREATED"]);
    expect(typeof raw?.events[0]?.id).toBe("bigint");
    expect(raw?.events[0]?.at).toBeInstanceOf(Date);
    expect(Object.keys(raw?.metadata as object)).toEqual(["zeta", "alpha", "run"]);
  });

  it("shows only the newest history lines, newest first, like the page", async () => {
    const caller = createCaller(contextFor(emulator.baseURL));
    const thread = await caller.threads.create({ idempotencyKey: randomUUID(), request: {} });
    await testDb().threadEvent.createMany({
      data: Array.from({ length: HISTORY_SHOWN + 5 }, (_, index) => ({ threadId: thread.id, kind: "REFRESHED" as const, at: new Date(Date.now() + index * 1000) })),
    });
    const raw = await findThreadDetail(testDb(), thread.id);
    expect(raw?.events).toHaveLength(HISTORY_SHOWN);
    expect(raw).toEqual(await ormRead(thread.id));
  });

  it("answers null for an unknown id", async () => {
    expect(await findThreadDetail(testDb(), `thread_${nonce()}`)).toBeNull();
  });
});
