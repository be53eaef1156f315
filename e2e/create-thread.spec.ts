import { expect, test } from "@playwright/test";
import { addMessage, addMetadata, expectOnThreadPage } from "./support/composer";
import { injectFault, ledgerBodies, nonce } from "./support/emulator";

test("a composed thread is created, listed, and opens from its link in a fresh browser", async ({ page, browser }) => {
  const tag = nonce();
  await page.goto("/threads/new");
  await expect(page.getByTestId("upstream-banner")).toContainText("emulator");

  await addMessage(page, 0, "user", `Where is my order? ${tag}`);
  await addMessage(page, 1, "assistant", "Let me check that for you.");
  await addMetadata(page, [
    ["run", tag],
    ["customer", "acme"],
  ]);
  await page.getByRole("button", { name: "Create thread" }).click();

  const id = await expectOnThreadPage(page);
  await expect(page.getByTestId("thread-id")).toHaveText(id);
  const messages = page.getByTestId("message");
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(0)).toContainText(`Where is my order? ${tag}`);
  await expect(messages.nth(1)).toContainText("assistant");

  await page.getByRole("link", { name: "Threads", exact: true }).click();
  const row = page.getByTestId("thread-list").getByRole("link", { name: new RegExp(id) });
  await expect(row).toContainText(`run=${tag}`);

  // The link is the share: a different browser, with no shared state, sees the same thread.
  const stranger = await browser.newContext();
  const shared = await stranger.newPage();
  await shared.goto(`/threads/${id}`);
  await expect(shared.getByTestId("thread-id")).toHaveText(id);
  await expect(shared.getByTestId("metadata")).toContainText("customer");
  await expect(shared.getByTestId("message").nth(0)).toContainText(`Where is my order? ${tag}`);
  await stranger.close();
});

test("17 metadata pairs are refused beside the field, and nothing is created or stored", async ({ page, request }) => {
  // Seventeen pairs typed one by one, then the server and the list checked: longer than most.
  test.slow();
  const tag = nonce();
  await page.goto("/threads/new");
  await addMessage(page, 0, "user", `too much metadata ${tag}`);
  await addMetadata(
    page,
    Array.from({ length: 17 }, (_, i) => [`k${i}`, tag] as [string, string]),
  );

  await expect(page.getByTestId("metadata-count")).toHaveText("17 / 16 pairs");
  await expect(page.locator("#metadata-error")).toContainText("16");
  await expect(page.getByRole("button", { name: "Create thread" })).toBeDisabled();
  await expect(page.locator("#create-status")).toContainText("Fix 1 problem");

  // The server is the gate too: the same request sent past the form is a BAD_REQUEST naming the field.
  const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, tag]));
  const response = await request.post("/api/trpc/threads.create", {
    data: { idempotencyKey: crypto.randomUUID(), request: { metadata } },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { json: { data: { fieldErrors: { path: string }[] } } } };
  expect(body.error.json.data.fieldErrors.map((error) => error.path)).toContain("request.metadata");

  expect((await ledgerBodies(request)).some((sent) => sent.includes(tag))).toBe(false);
  await page.goto("/threads");
  await expect(page.getByText(tag)).toHaveCount(0);
});

test("an upstream error is shown to the user and no thread appears in the list", async ({ page, request }) => {
  const tag = nonce();
  await injectFault(request, {
    kind: "status",
    status: 400,
    when: "before",
    message: `Vector store quota exceeded for ${tag}`,
    match: tag,
  });
  await page.goto("/threads/new");
  await addMessage(page, 0, "user", `hello ${tag}`);
  await addMetadata(page, [["run", tag]]);
  await page.getByRole("button", { name: "Create thread" }).click();

  await expect(page.getByTestId("submit-error")).toContainText(`Vector store quota exceeded for ${tag}`);
  await expect(page).toHaveURL(/\/threads\/new$/);
  await page.goto("/threads");
  await expect(page.getByText(tag)).toHaveCount(0);
});

test("an unknown thread id gets a 404 page", async ({ page }) => {
  const response = await page.goto("/threads/thread_000000000000000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such thread" })).toBeVisible();
});
