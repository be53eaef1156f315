// What the list and a thread's page show of what was recorded: creation order within one
// second, metadata in the order it was written, and filters Spool cannot apply explained.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { nonce } from "./support/emulator";

type Created = { id: string; createdAt: number };

async function createInSpool(request: APIRequestContext, metadata: Record<string, string>): Promise<Created> {
  const response = await request.post("/api/trpc/threads.create", {
    data: { idempotencyKey: crypto.randomUUID(), request: { metadata } },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { json: Created } } }).result.data.json;
}

test("threads created in the same second are listed newest first in the order they were created", async ({ page, request }) => {
  const run = nonce();
  const created: Created[] = [];
  for (let index = 0; index < 6; index++) created.push(await createInSpool(request, { run, index: String(index) }));
  // The point of the test: some of them share a second, where only creation order can tell them apart.
  expect(new Set(created.map((thread) => thread.createdAt)).size).toBeLessThan(created.length);

  await page.goto(`/threads?meta.run=${run}`);
  const rows = page.getByTestId("thread-list").getByRole("link");
  await expect(rows).toHaveCount(created.length);
  const shown = (await rows.allInnerTexts()).map((text) => /thread_[A-Za-z0-9_-]+/.exec(text)![0]);
  expect(shown).toEqual(created.map((thread) => thread.id).reverse());

  await page.goto(`/threads?meta.run=${run}&order=oldest`);
  await expect(rows).toHaveCount(created.length);
  expect((await rows.allInnerTexts()).map((text) => /thread_[A-Za-z0-9_-]+/.exec(text)![0])).toEqual(created.map((thread) => thread.id));
});

test("metadata is shown in the order it was written, on the thread and in the list", async ({ page, request }) => {
  const run = nonce();
  // PostgreSQL's jsonb alone would show these shortest key first: b, run, mid, zeta.
  const thread = await createInSpool(request, { zeta: "z", b: "b", mid: "m", run });

  await page.goto(`/threads/${thread.id}`);
  await expect(page.getByTestId("metadata").locator("dt")).toHaveText(["zeta", "b", "mid", "run"]);

  await page.goto(`/threads?meta.run=${run}`);
  const row = page.getByTestId("thread-list").getByRole("link").first();
  await expect(row.locator("span.font-mono.rounded")).toHaveText(["zeta=z", "b=b", "mid=m", `run=${run}`]);
});

test("a date filter outside what Spool stores is explained, naming the field, never an error page", async ({ page }) => {
  for (const [query, field] of [
    ["from=1800-01-01", "createdFrom"],
    ["to=0001-01-01", "createdTo"],
  ] as const) {
    const response = await page.goto(`/threads?${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("list-error")).toContainText(`(${field}) must be between 1970-01-01 and 9999-12-31`);
  }
  // Past 2038 and at the far end are results.
  for (const query of ["to=2038-01-20", "to=9999-12-31"]) {
    await page.goto(`/threads?${query}`);
    await expect(page.getByTestId("list-error")).toHaveCount(0);
  }
});
