// The tRPC API is outside the proxy (src/proxy.ts's matcher), so its own sign-in check is
// the only one: with a sign-in proxy and its shared secret configured, as a team runs it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRouteStack, type RouteStack } from "~/test/route-server";
import { testDb } from "~/test/test-stack";

const SECRET = "s".repeat(40);
let stack: RouteStack;

beforeAll(async () => {
  stack = await startRouteStack({ SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user", SPOOL_AUTH_PROXY_SECRET: SECRET });
});
afterAll(() => stack?.close());

async function create(headers: Record<string, string>) {
  const idempotencyKey = randomUUID();
  const response = await fetch(`${stack.server.url}/api/trpc/threads.create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ idempotencyKey, request: {} }),
  });
  const stored = await testDb().createAttempt.findUnique({ where: { idempotencyKey }, select: { createdBy: true } });
  return { status: response.status, text: await response.text(), stored };
}

describe("sign-in at the tRPC route itself", () => {
  it("refuses an identity header that did not come through the sign-in proxy, storing nothing", async () => {
    const forged = await create({ "x-forwarded-user": "mallory" });
    expect(forged.status).toBe(401);
    expect(forged.text).toMatch(/did not come through the sign-in proxy/);
    expect(forged.stored).toBeNull();

    const wrongSecret = await create({ "x-forwarded-user": "mallory", "x-spool-proxy-secret": "t".repeat(40) });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.stored).toBeNull();
  });

  it("refuses a Spool key: it opens /v1 only", async () => {
    const keyed = await create({ authorization: "Bearer spool_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" });
    expect(keyed.status).toBe(401);
    expect(keyed.stored).toBeNull();
  });

  it("serves the sign-in proxy's requests, recording who made them", async () => {
    const passed = await create({ "x-forwarded-user": "grace", "x-spool-proxy-secret": SECRET });
    expect(passed.status).toBe(200);
    expect(passed.stored?.createdBy).toBe("grace");
  });
});
