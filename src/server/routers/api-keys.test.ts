import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { apiKeyPool } from "~/server/api-keys/api-key-pool";
import { authenticateApiKey } from "~/server/api-keys/api-key-service";
import { hashApiKeySecret } from "~/server/api-keys/api-key-secret";
import { createCaller } from "~/server/routers/_app";
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

describe("apiKeys", () => {
  it("creates a key shown once, stores only its SHA-256, and lists it without the hash", async () => {
    const name = `svc-${nonce()}`;
    const { key, secret } = await caller.apiKeys.create({ name });
    expect(secret).toMatch(/^spool_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name, prefix: secret.slice(0, 12), createdBy: "ada@example.com", lastUsedAt: null, revokedAt: null });

    const row = await testDb().apiKey.findUniqueOrThrow({ where: { name }, select: { secretHash: true } });
    expect(Buffer.from(row.secretHash).equals(hashApiKeySecret(secret))).toBe(true);
    const listed = (await caller.apiKeys.list()).find((item) => item.name === name);
    expect(listed).toEqual(key);
    expect(JSON.stringify(await caller.apiKeys.list())).not.toContain(secret);
  });

  it("authenticates a live key, records when it was last used, and refuses it once revoked", async () => {
    const name = `svc-${nonce()}`;
    const { secret } = await caller.apiKeys.create({ name });
    expect(await authenticateApiKey(apiKeyPool(process.env.DATABASE_URL!), secret)).toMatchObject({ name });
    expect(await authenticateApiKey(apiKeyPool(process.env.DATABASE_URL!), `${secret}x`)).toBeNull();
    const used = await testDb().apiKey.findUniqueOrThrow({ where: { name }, select: { lastUsedAt: true } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await caller.apiKeys.revoke({ name });
    expect(revoked).toMatchObject({ name, revokedBy: "ada@example.com" });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(apiKeyPool(process.env.DATABASE_URL!), secret)).toBeNull();
    // Revoking again changes nothing.
    expect(await caller.apiKeys.revoke({ name })).toEqual(revoked);
  });

  it("refuses a taken name (revoked keys keep theirs), an unknown name and a malformed one", async () => {
    const name = `svc-${nonce()}`;
    await caller.apiKeys.create({ name });
    await caller.apiKeys.revoke({ name });
    await expect(caller.apiKeys.create({ name })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.apiKeys.revoke({ name: `missing-${nonce()}` })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const malformed = await caller.apiKeys.create({ name: "has space" }).catch((error: unknown) => error);
    expect(malformed).toBeInstanceOf(TRPCError);
    expect((malformed as TRPCError).code).toBe("BAD_REQUEST");
  });
});
