// Property: whatever valid request the composer builds reaches the upstream exactly as built,
// through the real router, service, SDK and emulator (which checks it against the contract).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { validThreadCreateRequest } from "~/lib/thread-request/arbitraries";
import { createCaller } from "~/server/routers/_app";
import { contextFor, startTestEmulator } from "~/test/test-stack";

// Each run is a real HTTP round trip and a Postgres transaction; a modest count keeps the suite quick.
const RUNS = 40;
const POLLUTION_KEY = /"(__proto__|constructor|prototype)":/;

let emulator: RunningEmulator;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  caller = createCaller(contextFor(emulator.baseURL));
});
afterAll(async () => {
  await emulator.close();
});

describe("property: valid requests reach the upstream byte for byte", () => {
  it("creates every generated valid request, and the emulator receives JSON.stringify(request) exactly", async () => {
    await fc.assert(
      fc.asyncProperty(validThreadCreateRequest, async (request) => {
        const expected = JSON.stringify(request);
        // KNOWN GAPS, reported, outside this module: Postgres jsonb cannot hold U+0000 (the
        // attempt insert fails, P2039), and superjson (the tRPC transformer) throws on any
        // "__proto__" / "constructor" / "prototype" key, so such a thread, once stored, breaks
        // every tRPC answer that lists it. Both are kept out of this run.
        fc.pre(!expected.includes("\\u0000") && !POLLUTION_KEY.test(expected));
        const thread = await caller.threads.create({ idempotencyKey: randomUUID(), request });
        const sent = emulator.ledger().find((entry) => entry.id === thread.id);
        expect(sent?.body).toBe(expected);
        expect(thread.request).toStrictEqual(JSON.parse(expected));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
