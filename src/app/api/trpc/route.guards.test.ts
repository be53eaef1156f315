// What /api/trpc answers to requests no form would send: each a 4xx with a sentence,
// nothing stored. With sign-in on, as a team would run it.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REQUEST_BODY_BYTES } from "~/server/security/request-body-guard";
import { startRouteStack, type RouteServer, type RouteStack } from "~/test/route-server";
import { nonce, testDb } from "~/test/test-stack";

let stack: RouteStack;
let server: RouteServer;

beforeAll(async () => {
  stack = await startRouteStack({ SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user", SPOOL_CREATE_RATE_LIMIT: "3" });
  ({ server } = stack);
});
afterAll(() => stack?.close());

const signedIn = (user = "grace") => ({ "x-forwarded-user": user, "content-type": "application/json" });

function createBody(idempotencyKey: string, request: unknown = {}) {
  return JSON.stringify({ idempotencyKey, request });
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = signedIn()) {
  const response = await fetch(`${server.url}/api/trpc/${path}`, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, error: (JSON.parse(text) as { error?: { json?: { message?: string } } }).error?.json };
}

async function stored(idempotencyKey: string) {
  return testDb().createAttempt.findUnique({ where: { idempotencyKey } });
}

describe("sign-in", () => {
  it("answers an anonymous call with 401 and a sentence, storing nothing", async () => {
    const key = randomUUID();
    const answer = await post("threads.create", createBody(key), { "content-type": "application/json" });
    expect(answer.status).toBe(401);
    expect(answer.error?.message).toMatch(/Sign in to use Spool.*x-forwarded-user/);
    expect(await stored(key)).toBeNull();
    const list = await fetch(`${server.url}/api/trpc/threads.list?input=${encodeURIComponent(JSON.stringify({}))}`);
    expect(list.status).toBe(401);
  });

  it("records who created the thread", async () => {
    const key = randomUUID();
    const answer = await post("threads.create", createBody(key), signedIn("grace@example.com"));
    expect(answer.status).toBe(200);
    expect((await stored(key))?.createdBy).toBe("grace@example.com");
  });
});

describe("request bodies", () => {
  it("refuses a body over the limit with 413 before reading it", async () => {
    const key = randomUUID();
    const big = createBody(key, { metadata: { k: "x".repeat(MAX_REQUEST_BODY_BYTES) } });
    const answer = await post("threads.create", big);
    expect(answer.status).toBe(413);
    expect(answer.error?.message).toMatch(/larger than Spool accepts/);
    expect(await stored(key)).toBeNull();
  });

  it("cuts off a streamed body without Content-Length at the limit with 413", async () => {
    const key = randomUUID();
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${server.url}/api/trpc/threads.create`);
      const req = http.request(url, { method: "POST", headers: { ...signedIn(), "transfer-encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      const body = createBody(key, { metadata: { k: "y".repeat(MAX_REQUEST_BODY_BYTES + 10) } });
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024));
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(await stored(key)).toBeNull();
  });

  it("refuses a body that is not UTF-8 with 400, rather than storing U+FFFD", async () => {
    const key = randomUUID();
    // Valid JSON around one broken sequence (0xC3 must be followed by a continuation byte).
    const [before, after] = createBody(key, { messages: [{ role: "user", content: "caf@" }] }).split("@") as [string, string];
    const body = Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);
    const answer = await post("threads.create", body);
    expect(answer.status).toBe(400);
    expect(answer.error?.message).toMatch(/not valid UTF-8/);
    expect(await stored(key)).toBeNull();
  });

  it("refuses a form post (text/plain, multipart) with 415: only JSON is accepted", async () => {
    const key = randomUUID();
    const answer = await post("threads.create", createBody(key), { ...signedIn(), "content-type": "text/plain" });
    expect(answer.status).toBe(415);
    expect(answer.error?.message).toMatch(/only application\/json/);
    const form = new FormData();
    form.set("idempotencyKey", key);
    const multipart = await fetch(`${server.url}/api/trpc/threads.create`, { method: "POST", headers: { "x-forwarded-user": "grace" }, body: form });
    expect(multipart.status).toBe(415);
    expect(await stored(key)).toBeNull();
  });

  it("refuses a __proto__ key on the wire with 400, though parsing would make it vanish", async () => {
    const key = randomUUID();
    for (const value of ['{"run":"x"}', '"x"']) {
      const body = `{"idempotencyKey":"${key}","request":{"metadata":{"__proto__":${value}}}}`;
      const answer = await post("threads.create", body, signedIn("proto-key-sender"));
      expect(answer.status).toBe(400);
      expect(answer.error?.message).toMatch(/request\.metadata\.__proto__: Metadata key "__proto__" is reserved/);
    }
    expect(await stored(key)).toBeNull();
  });

  it("answers broken JSON and a URL that is not UTF-8 with 400", async () => {
    expect((await post("threads.create", "{not json")).status).toBe(400);
    const badUrl = await fetch(`${server.url}/api/trpc/threads.list?input=%7B%22json%22%3A%7B%22x%22%3A%22%C3%28%22%7D%7D`, {
      headers: signedIn(),
    });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.text()).toMatch(/not valid UTF-8/);
  });
});

describe("rate limit over HTTP", () => {
  it("answers the create past the limit with 429 and Retry-After", async () => {
    const user = `limit-${nonce()}`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const answer = await post("threads.create", createBody(randomUUID()), signedIn(user));
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get("retry-after");
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("every upstream call counts, and batches are capped", () => {
  it("counts update, refresh, import and delete against the same allowance as creates", async () => {
    const user = `limit-${nonce()}`;
    const created = await post("threads.create", createBody(randomUUID(), { metadata: { run: user } }), signedIn(user));
    const id = (JSON.parse(created.text) as { result: { data: { json: { id: string } } } }).result.data.json.id;
    const update = await post("threads.update", JSON.stringify({ id, request: { metadata: { run: user, step: "2" } } }), signedIn(user));
    const refresh = await post("threads.refresh", JSON.stringify({ id }), signedIn(user));
    const imported = await post("threads.import", JSON.stringify({ id: "thread_elsewhere" }), signedIn(user));
    const deleted = await post("threads.delete", JSON.stringify({ id }), signedIn(user));
    expect([created.status, update.status, refresh.status, imported.status, deleted.status]).toEqual([200, 200, 200, 429, 429]);
    expect(imported.error?.message).toMatch(/Too many requests to the upstream/);
  });

  it("refuses a batch of more than 10 calls as a whole with 400, running none of them", async () => {
    const user = `batch-${nonce()}`;
    const keys = Array.from({ length: 11 }, () => randomUUID());
    const answer = await post(
      `${keys.map(() => "threads.create").join(",")}?batch=1`,
      JSON.stringify(Object.fromEntries(keys.map((idempotencyKey, index) => [index, { idempotencyKey, request: {} }]))),
      signedIn(user),
    );
    expect(answer.status).toBe(400);
    const entries = JSON.parse(answer.text) as Array<{ error: { json: { message: string } } }>;
    expect(entries).toHaveLength(11);
    for (const entry of entries) expect(entry.error.json.message).toMatch(/at most 10 calls; this one has 11\. Nothing in it was run/);
    for (const key of keys) expect(await stored(key)).toBeNull();
    // None of them was counted either.
    expect((await post("threads.create", createBody(randomUUID()), signedIn(user))).status).toBe(200);
  });

  it("counts each call of a batch within the cap, not the batch once", async () => {
    const user = `batch-${nonce()}`;
    const ids = Array.from({ length: 5 }, (_, index) => `thread_missing${index}`);
    const answer = await post(
      `${ids.map(() => "threads.import").join(",")}?batch=1`,
      JSON.stringify(Object.fromEntries(ids.map((id, index) => [index, { id }]))),
      signedIn(user),
    );
    const codes = (JSON.parse(answer.text) as Array<{ error?: { json: { data: { httpStatus: number } } } }>).map(
      (entry) => entry.error?.json.data.httpStatus,
    );
    // The upstream has none of them (404); past the allowance of 3, Spool does not ask.
    expect(codes.toSorted()).toEqual([404, 404, 404, 429, 429]);
  });
});
