// Issue 9, failure 6: an upstream error that echoes the API key, in any form, must not reach
// the error message, create_attempts.error_message, the Attempts list or the log.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { createCaller } from "~/server/routers/_app";
import { contextFor, nonce, startTestEmulator, TEST_API_KEY, testDb } from "~/test/test-stack";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
afterEach(() => vi.restoreAllMocks());

const bytes = (text: string) => [...Buffer.from(text)];
const ECHOES: Record<string, string> = {
  "without its prefix": TEST_API_KEY.slice(3),
  "upper-cased": TEST_API_KEY.toUpperCase(),
  "an 8-character run": TEST_API_KEY.slice(9, 17),
  base64: Buffer.from(TEST_API_KEY).toString("base64"),
  "base64url of a piece": Buffer.from(TEST_API_KEY.slice(4)).toString("base64url"),
  hex: Buffer.from(TEST_API_KEY).toString("hex"),
  "URL-encoded": bytes(TEST_API_KEY).map((byte) => `%${byte.toString(16).toUpperCase()}`).join(""),
};

/** Every form, decoded back: what a reader of the output could recover. */
function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.entries(ECHOES)
    .filter(([, echoed]) => lower.includes(echoed.toLowerCase()))
    .map(([name]) => name);
}

describe("an upstream error that echoes the API key", () => {
  for (const status of [401, 400, 500]) {
    it(`is scrubbed in every form from the answer, the stored attempt, the Attempts list and the log (${status})`, async () => {
      const logged: string[] = [];
      for (const method of ["log", "error", "warn", "info"] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
      }
      const caller = createCaller(contextFor(emulator.baseURL));
      const tag = nonce();
      for (const [name, echoed] of Object.entries(ECHOES)) {
        emulator.addFault({ kind: "status", status, when: "before", match: `${tag}-${name}`, message: `Key ${echoed} is not valid for this project.` });
        const input = { idempotencyKey: randomUUID(), request: { messages: [{ role: "user" as const, content: "Hi" }], metadata: { run: `${tag}-${name}` } } };
        const error = await caller.threads.create(input).then(
          () => null,
          (caught: Error) => caught,
        );
        expect(error, name).not.toBeNull();
        expect(error!.message, name).toContain("[redacted]");
        expect(leaks(error!.message), name).toEqual([]);
        const attempt = await testDb().createAttempt.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { errorMessage: true } });
        expect(leaks(attempt.errorMessage ?? ""), name).toEqual([]);
      }
      const listed = JSON.stringify(await caller.attempts.list({ limit: 100 }));
      expect(listed).toContain("[redacted]");
      expect(leaks(listed)).toEqual([]);
      expect(leaks(logged.join("\n"))).toEqual([]);
    });
  }
});
