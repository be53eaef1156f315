import { expect, type APIRequestContext } from "@playwright/test";

type Thread = { id: string; metadata: Record<string, string> };

/** Creates a thread through Spool's own API, as the composer does; one place knows the wire format. */
export async function createInSpool(request: APIRequestContext, body: Record<string, unknown>): Promise<Thread> {
  const response = await request.post("/api/trpc/threads.create", {
    data: { idempotencyKey: crypto.randomUUID(), request: body },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: Thread } } }).result.data.json;
}
