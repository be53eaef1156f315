// The real /api/trpc route handler behind a real socket, driven by the tRPC client
// the browser uses: what the wire carries, not just what the router returns.
import { randomUUID } from "node:crypto";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "~/emulator/server";
import type { AppRouter } from "~/server/routers/_app";
import { startRouteStack, type RouteServer, type RouteStack } from "~/test/route-server";
import { transformer } from "~/trpc/transformer";
import { nonce } from "~/test/test-stack";

let stack: RouteStack;
let emulator: RunningEmulator;
let server: RouteServer;
let client: ReturnType<typeof createTRPCClient<AppRouter>>;

beforeAll(async () => {
  stack = await startRouteStack();
  ({ emulator, server } = stack);
  client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${server.url}/api/trpc`, transformer })],
  });
});

afterAll(() => stack?.close());

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

describe("/api/trpc over HTTP", () => {
  it("creates a thread and reads it back by id and in the list", async () => {
    const tag = nonce();
    const thread = await client.threads.create.mutate({
      idempotencyKey: randomUUID(),
      request: { messages: [{ role: "user", content: tag }], metadata: { run: tag } },
    });
    expect(thread.recordedAt).toBeInstanceOf(Date);
    expect((await client.threads.byId.query({ id: thread.id })).messages[0]?.content).toBe(tag);
    expect((await client.threads.list.query({ limit: 100 })).items.some((item) => item.id === thread.id)).toBe(true);
  });

  it("answers invalid input with 400 and one field error per failing path", async () => {
    const error = await failure(
      client.threads.create.mutate({
        idempotencyKey: randomUUID(),
        request: {
          metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])),
          messages: [{ role: "system" as "user", content: "x" }],
        },
      }),
    );
    expect(error.data?.httpStatus).toBe(400);
    const paths = error.data?.fieldErrors?.map((fieldError) => fieldError.path);
    expect(paths).toEqual(expect.arrayContaining(["request.metadata", "request.messages[0].role"]));
  });

  it("carries the upstream's message and the attempt's outcome, with no stack trace", async () => {
    const tag = nonce();
    emulator.addFault({ kind: "status", status: 503, when: "after", match: tag });
    const error = await failure(
      client.threads.create.mutate({ idempotencyKey: randomUUID(), request: { metadata: { run: tag } } }),
    );
    expect(error.data?.httpStatus).toBe(502);
    expect(error.data?.upstream).toMatchObject({ outcome: "UNKNOWN", status: 503 });
    expect(error.message).toMatch(/may or may not have been created/);
    expect(error.data).not.toHaveProperty("stack");
  });

  it("answers an unknown thread id with 404", async () => {
    const error = await failure(client.threads.byId.query({ id: "thread_unknown" }));
    expect(error.data?.httpStatus).toBe(404);
  });
});
