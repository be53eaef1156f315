// Thousands of generated requests no client would send, over real HTTP through the route
// handler: each gets a 4xx with a sentence (naming the field where there is one), never a
// 500, and none of them stores anything or reaches the upstream.
//   SPOOL_MALFORMED_SEED=123 SPOOL_MALFORMED_COUNT=50000 npx vitest run src/app/api/trpc/route.malformed.test.ts
// (COUNT is the number sent to threads.create; a quarter as many again go to the other procedures.)
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import { malformedRequests, type MalformedRequest } from "~/test/malformed-requests";
import { startRouteStack, type RouteServer, type RouteStack } from "~/test/route-server";
import { nonce, testDb } from "~/test/test-stack";

const SEED = Number(process.env.SPOOL_MALFORMED_SEED ?? Date.now() % 2 ** 31);
const COUNT = Number(process.env.SPOOL_MALFORMED_COUNT ?? 10_000);
const CONCURRENCY = 16;
const USER = `malformed-${nonce()}`;

let stack: RouteStack;
let emulator: RunningEmulator;
let server: RouteServer;
let agent: http.Agent;

beforeAll(async () => {
  stack = await startRouteStack({ SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user", SPOOL_CREATE_RATE_LIMIT: "1000000" });
  ({ emulator, server } = stack);
  agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
});
afterAll(async () => {
  agent?.destroy();
  await stack?.close();
});

type Answer = { status: number; text: string };

function send(request: MalformedRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "x-forwarded-user": USER };
    if (request.contentType !== null) headers["content-type"] = request.contentType;
    if (request.body) headers["content-length"] = String(request.body.byteLength);
    const req = http.request(`${server.url}${request.url}`, { method: request.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(request.body);
  });
}

type ErrorJson = { message?: unknown; data?: { fieldErrors?: Array<{ path: string }> | null } };

/** The error objects of an answer: one, or one per call of a batch. */
function errorsOf(text: string): ErrorJson[] {
  const parsed = JSON.parse(text) as { error?: { json?: ErrorJson } } | Array<{ error?: { json?: ErrorJson } }>;
  return (Array.isArray(parsed) ? parsed : [parsed]).map((item) => item.error?.json ?? {});
}

/** What is wrong with an answer, or null. */
function answerProblem(request: MalformedRequest, answer: Answer): string | null {
  if (!request.expect.includes(answer.status)) return `status ${answer.status}, expected ${request.expect.join(" or ")}`;
  if (answer.status < 400 || answer.status > 499) return `status ${answer.status} is not a 4xx`;
  if (/\bat .+\.(?:ts|js|mjs):\d+|node_modules|"stack"/.test(answer.text)) return "the answer leaks a stack trace";
  let errors: ErrorJson[];
  try {
    errors = errorsOf(answer.text);
  } catch {
    return "the answer is not JSON";
  }
  for (const error of errors) {
    if (typeof error.message !== "string" || error.message.trim().length < 10) return "no message in the answer";
    const field = request.field;
    if (field && !error.message.includes(field) && !error.data?.fieldErrors?.some(({ path }) => path.startsWith(field))) {
      return `the message does not name ${field}`;
    }
  }
  return null;
}

function describeRequest(request: MalformedRequest): string {
  const body = request.body ? Buffer.from(request.body).toString("utf8") : "";
  return `${request.kind}: ${request.method} ${request.url.slice(0, 200)} [${request.contentType}] ${body.slice(0, 300)}${body.length > 300 ? `… (${body.length} bytes)` : ""}`;
}

describe("malformed input over HTTP", () => {
  it("answers every generated malformed request with a 4xx and a message, and stores nothing", async () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const requests = malformedRequests(SEED, COUNT);
    console.log(
      `[malformed] seed ${SEED} (SPOOL_MALFORMED_SEED to replay): ${COUNT} to threads.create (SPOOL_MALFORMED_COUNT), ${requests.length - COUNT} to the rest`,
    );

    const started = performance.now();
    const failures: string[] = [];
    const perKind = new Map<string, { count: number; ms: number }>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const begun = performance.now();
        const answer = await send(request).catch((error: Error) => ({ status: 0, text: error.message }));
        const problem = answerProblem(request, answer);
        const kind = perKind.get(request.kind) ?? { count: 0, ms: 0 };
        perKind.set(request.kind, { count: kind.count + 1, ms: kind.ms + performance.now() - begun });
        if (problem) failures.push(`${problem}\n    ${describeRequest(request)}\n    → ${answer.text.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.log(`[malformed] ${requests.length} requests in ${seconds.toFixed(1)} s: ${Math.round(requests.length / seconds)} inputs/s`);
    // Per kind: how many, and the mean time to an answer (under the run's concurrency).
    console.log(
      [...perKind.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, { count, ms }]) => `  ${kind}: ${count} (${Math.round(ms / count)} ms)`)
        .join("\n"),
    );

    expect(failures.slice(0, 20), `${failures.length} of ${requests.length} answers were wrong (seed ${SEED})`).toEqual([]);

    const keys = requests.flatMap((request) => request.keys);
    const db = testDb();
    for (let at = 0; at < keys.length; at += 5_000) {
      expect(await db.createAttempt.count({ where: { idempotencyKey: { in: keys.slice(at, at + 5_000) } } })).toBe(0);
    }
    expect(await db.createAttempt.count({ where: { createdBy: USER } })).toBe(0);
    expect(await db.thread.count({ where: { createdBy: USER } })).toBe(0);
    expect(await db.threadEvent.count({ where: { actor: USER } })).toBe(0);
    expect(emulator.ledger()).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 180_000);
});
