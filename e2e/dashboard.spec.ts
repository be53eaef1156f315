import { expect, test, type APIRequestContext } from "@playwright/test";
import { injectFault, nonce } from "./support/emulator";
import { EMULATOR_URL } from "./support/ports";

const UPSTREAM_HEADERS = { authorization: "Bearer e2e", "openai-beta": "assistants=v2" };

type Thread = { id: string; metadata: Record<string, string> };

/** Creates a thread through Spool's own API, as the composer does. */
async function createInSpool(request: APIRequestContext, metadata: Record<string, string>, text: string): Promise<Thread> {
  const response = await request.post("/api/trpc/threads.create", {
    data: { idempotencyKey: crypto.randomUUID(), request: { messages: [{ role: "user", content: text }], metadata } },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { json: Thread } } }).result.data.json;
}

/** Talks to the upstream directly, as another tool of the team would. */
async function upstream(request: APIRequestContext, method: "POST" | "GET", path: string, data?: unknown) {
  const response = await request.fetch(`${EMULATOR_URL}/v1${path}`, { method, headers: UPSTREAM_HEADERS, data });
  expect(response.ok()).toBe(true);
  return (await response.json()) as Thread;
}

test("a filtered list is a link: another browser opening it sees the same filters and threads", async ({ page, request, browser }) => {
  const run = nonce();
  const support = await createInSpool(request, { run, team: "support" }, `My parcel is late ${run}`);
  await createInSpool(request, { run, team: "sales" }, `Pricing for 40 seats ${run}`);

  await page.goto("/threads");
  await page.getByLabel("Metadata", { exact: true }).fill(`run=${run}`);
  await page.getByLabel("Metadata", { exact: true }).press("Enter");
  await page.getByLabel("Metadata", { exact: true }).fill("team=support");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByLabel("Search messages").fill("parcel");
  await page.getByRole("button", { name: "Apply filters" }).click();

  await expect(page).toHaveURL(/meta\.team=support/);
  await expect(page).toHaveURL(/q=parcel/);
  const rows = page.getByTestId("thread-list").getByRole("link");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(support.id);

  const stranger = await browser.newContext();
  const shared = await stranger.newPage();
  await shared.goto(page.url());
  await expect(shared.getByTestId("thread-list").getByRole("link")).toHaveCount(1);
  await expect(shared.getByTestId("thread-list")).toContainText(support.id);
  await expect(shared.getByRole("list", { name: "Metadata filters" })).toContainText("team=support");
  await expect(shared.getByLabel("Search messages")).toHaveValue("parcel");
  await stranger.close();

  // A filter matching nothing says so, and offers the way back.
  await page.goto(`/threads?meta.run=${run}&q=zebra`);
  await expect(page.getByTestId("no-matches")).toBeVisible();
  // A filter that cannot be applied is explained, not a crash.
  await page.goto("/threads?from=yesterday");
  await expect(page.getByTestId("list-error")).toContainText("2026-11-24");
});

test("a thread created elsewhere is imported by id, and its (empty) conversation is read from the upstream", async ({ page, request }) => {
  const run = nonce();
  const elsewhere = await upstream(request, "POST", "/threads", { metadata: { run, source: "script" } });

  await page.goto("/threads");
  await page.getByRole("button", { name: "Import by id" }).click();
  await page.getByLabel("Import a thread created elsewhere").fill("thread_doesnotexist0000000000");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-error")).toContainText("The upstream has no thread");

  await page.getByLabel("Import a thread created elsewhere").fill(elsewhere.id);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/threads/${elsewhere.id}$`));
  await expect(page.getByTestId("thread-id")).toHaveText(elsewhere.id);
  await expect(page.getByTestId("messages-empty")).toBeVisible();
  await expect(page.getByTestId("metadata")).toContainText("script");
  await expect(page.getByTestId("activity")).toContainText("Imported by id");

  await page.goto(`/threads?meta.run=${run}`);
  await expect(page.getByTestId("thread-list")).toContainText("Imported");
});

test("metadata is edited upstream and on the record; an upstream failure leaves it as it was", async ({ page, request }) => {
  const run = nonce();
  const thread = await createInSpool(request, { run, team: "qa" }, `Edit me ${run}`);
  await page.goto(`/threads/${thread.id}`);

  await page.getByRole("button", { name: "Edit metadata" }).click();
  await page.getByRole("textbox", { name: "Metadata value 2" }).fill("support");
  await injectFault(request, { kind: "status", status: 503, method: "POST", path: `/v1/threads/${thread.id}` });
  await page.getByRole("button", { name: "Save metadata" }).click();
  await expect(page.getByTestId("metadata-save-error")).toContainText("unchanged");
  expect((await upstream(request, "GET", `/threads/${thread.id}`)).metadata.team).toBe("qa");

  await page.getByRole("button", { name: "Save metadata" }).click();
  await expect(page.getByTestId("metadata")).toContainText("support");
  await expect(page.getByTestId("activity")).toContainText("Metadata changed");
  expect((await upstream(request, "GET", `/threads/${thread.id}`)).metadata).toEqual({ run, team: "support" });

  // Changed elsewhere: "Refresh from upstream" says what moved.
  await upstream(request, "POST", `/threads/${thread.id}`, { metadata: { run, team: "support", owner: "grace" } });
  await page.getByRole("button", { name: "Refresh from upstream" }).click();
  await expect(page.getByTestId("refresh-result")).toContainText("metadata.owner");
  await expect(page.getByTestId("metadata")).toContainText("grace");
});

test("delete asks first, deletes upstream, and keeps the record under the deleted filter", async ({ page, request }) => {
  const run = nonce();
  const thread = await createInSpool(request, { run }, `Delete me ${run}`);
  await page.goto(`/threads/${thread.id}`);

  await page.getByRole("button", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this thread upstream?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await upstream(request, "GET", `/threads/${thread.id}`)).id).toBe(thread.id);

  await page.getByRole("button", { name: "Delete…" }).click();
  await dialog.getByRole("button", { name: "Delete thread" }).click();
  await expect(page.getByTestId("deleted-notice")).toBeVisible();
  await expect(page.getByTestId("activity")).toContainText("Deleted upstream");
  const gone = await request.get(`${EMULATOR_URL}/v1/threads/${thread.id}`, { headers: UPSTREAM_HEADERS });
  expect(gone.status()).toBe(404);

  await page.goto(`/threads?meta.run=${run}`);
  await expect(page.getByTestId("no-matches")).toBeVisible();
  await page.getByLabel("Deleted threads").selectOption("only");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/deleted=only/);
  await expect(page.getByTestId("thread-list")).toContainText(thread.id);
});
