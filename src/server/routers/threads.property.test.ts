// Property: whatever valid request the composer builds reaches the upstream exactly as built,
// through the real router, service, SDK and emulator (which checks it against the contract);
// what the contract allows but Spool cannot store is refused, naming each field, and nothing
// is recorded or sent.
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import type { RunningEmulator } from "~/emulator/server";
import { unstorablePaths, validThreadCreateRequest } from "~/lib/thread-request/arbitraries";
import { issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import { createCaller } from "~/server/routers/_app";
import { contextFor, startTestEmulator, testDb } from "~/test/test-stack";

// Each run is a real HTTP round trip and a Postgres transaction; a modest count keeps the suite quick.
const RUNS = 40;

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
  it("creates every generated storable request as sent, and refuses the rest at their paths, storing nothing", async () => {
    const seen = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(validThreadCreateRequest, async (request) => {
        const expected = JSON.stringify(request);
        const idempotencyKey = randomUUID();
        const unstorable = unstorablePaths(request, ["request"]);
        if (unstorable.length > 0) {
          seen.refused++;
          const ledgerBefore = emulator.ledger().length;
          const error = await caller.threads.create({ idempotencyKey, request }).then(
            () => null,
            (caught: unknown) => caught,
          );
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe("BAD_REQUEST");
          expect((error as TRPCError).message).toMatch(/NUL character|unpaired UTF-16 surrogate|is reserved/);
          const paths = issuesToFieldErrors((error as TRPCError).cause as ZodError).map((fieldError) => fieldError.path);
          expect(new Set(paths)).toEqual(new Set(unstorable));
          expect(emulator.ledger()).toHaveLength(ledgerBefore);
          expect(await testDb().createAttempt.findUnique({ where: { idempotencyKey } })).toBeNull();
          return;
        }
        seen.created++;
        const thread = await caller.threads.create({ idempotencyKey, request });
        const sent = emulator.ledger().find((entry) => entry.id === thread.id);
        expect(sent?.body).toBe(expected);
        expect(thread.request).toStrictEqual(JSON.parse(expected));
      }),
      { numRuns: RUNS },
    );
    // Both branches ran: the generator makes contract-valid requests Spool refuses, too.
    expect(seen.created).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);
});
