// Reads Spool's thread list the way its list page does (tRPC threads.list, filtered by creator),
// to prove that a thread an SDK created through the gateway is recorded under the key's name.
// Needs a Spool without sign-in (loopback), as the test runs start it.

type ListResponse = { result?: { data?: { json?: { items?: { id: string; createdBy: string | null }[] } } } };

/** Ids of the newest 100 threads (deleted ones included) Spool lists as created by `createdBy`. */
export async function threadsListedBy(spoolOrigin: string, createdBy: string): Promise<Map<string, string | null>> {
  // Input is plain JSON, the answer superjson (src/trpc/transformer.ts).
  const input = { limit: 100, filters: { createdBy, deleted: "include" } };
  const response = await fetch(`${spoolOrigin}/api/trpc/threads.list?input=${encodeURIComponent(JSON.stringify(input))}`);
  if (!response.ok) throw new Error(`Spool's threads.list answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const items = ((await response.json()) as ListResponse).result?.data?.json?.items ?? [];
  return new Map(items.map((item) => [item.id, item.createdBy]));
}
