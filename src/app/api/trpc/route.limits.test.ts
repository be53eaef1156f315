// The upstream-call limit over HTTP without sign-in: keyed on the socket's peer, or on what
// a trusted proxy (here 127.0.0.1) reports; a client rotating X-Forwarded-For gains nothing.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRouteStack, type RouteStack } from "~/test/route-server";

let stack: RouteStack;

beforeAll(async () => {
  stack = await startRouteStack({ SPOOL_CREATE_RATE_LIMIT: "3", SPOOL_TRUSTED_PROXIES: "127.0.0.1" });
});
afterAll(() => stack?.close());

/** A loopback address of its own per test (Linux routes all of 127/8), so tests never share an allowance. */
const freshLoopback = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;

/** POST threads.create from `localAddress`, with the X-Forwarded-For given; the HTTP status. */
function create(localAddress: string, forwardedFor: string): Promise<number> {
  const body = JSON.stringify({ idempotencyKey: randomUUID(), request: {} });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${stack.server.url}/api/trpc/threads.create`,
      { method: "POST", localAddress, headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const rotated = (call: number) => `203.0.113.${call + 1}`;

describe("the limit without sign-in", () => {
  it("keys on the socket's peer: a rotated X-Forwarded-For from a peer that is no trusted proxy does not bypass it", async () => {
    const peer = freshLoopback();
    const statuses: number[] = [];
    for (let call = 0; call < 5; call++) statuses.push(await create(peer, rotated(call)));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("keys on the address a trusted proxy appended; rotating what the client wrote before it does not bypass it", async () => {
    const client = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let call = 0; call < 5; call++) statuses.push(await create("127.0.0.1", `${rotated(call)}, ${client}`));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another client behind the same proxy has its own allowance.
    expect(await create("127.0.0.1", `${rotated(0)}, 192.0.2.${Math.floor(Math.random() * 250)}`)).toBe(200);
  });
});
