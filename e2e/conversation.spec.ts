import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addMessage, expectOnThreadPage, openEmptyComposer } from "./support/composer";
import { injectFault, nonce } from "./support/emulator";
import { EMULATOR_URL } from "./support/ports";

const UPSTREAM_HEADERS = { authorization: "Bearer e2e", "openai-beta": "assistants=v2" };

/** Talks to the upstream directly, as a team's assistant run or another service would. */
async function upstream<T>(request: APIRequestContext, method: "POST" | "GET", path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(`${EMULATOR_URL}/v1${path}`, { method, headers: UPSTREAM_HEADERS, data });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** Adds messages as a run writes them (ids, annotations), through the emulator's control endpoint. */
async function runWrites(request: APIRequestContext, threadId: string, messages: unknown[]) {
  const response = await request.post(`${EMULATOR_URL}/__emulator/threads/${threadId}/messages`, { data: messages });
  expect(response.ok(), await response.text()).toBe(true);
}

async function texts(page: Page): Promise<string[]> {
  return page.getByTestId("message").getByTestId("part-text").locator("p").allInnerTexts();
}

test("the whole conversation: created in Spool, added upstream and from the page, read in order from the link", async ({ page, request, browser }) => {
  // A create, three additions and a second browser reading every part: longer than most.
  test.slow();
  const tag = nonce();
  await openEmptyComposer(page);
  await addMessage(page, 0, "user", `Where is my parcel? ${tag}`);
  await page.getByRole("button", { name: "Create thread" }).click();
  const id = await expectOnThreadPage(page);
  await expect(page.getByTestId("message")).toHaveCount(1);
  await expect(page.getByTestId("sent-by-spool")).toHaveText("Sent by Spool at creation");

  // A run answers, citing a file and producing one; another service adds a user turn.
  await runWrites(request, id, [
    {
      role: "assistant",
      assistant_id: "asst_support",
      run_id: "run_123",
      content: [
        {
          type: "text",
          text: {
            value: "It left the depot [1]. Tracking: sandbox:/tracking.csv",
            annotations: [
              { type: "file_citation", text: "[1]", file_citation: { file_id: "file-depot-log" }, start_index: 18, end_index: 21 },
              { type: "file_path", text: "sandbox:/tracking.csv", file_path: { file_id: "file-tracking" }, start_index: 33, end_index: 54 },
            ],
          },
        },
      ],
    },
  ]);
  await upstream(request, "POST", `/threads/${id}/messages`, {
    role: "user",
    content: [
      { type: "text", text: `Here is a photo ${tag}` },
      { type: "image_url", image_url: { url: "https://example.com/parcel.png", detail: "low" } },
    ],
    metadata: { channel: "email" },
  });

  // From the page: the composer's editor, live validation, one press one message.
  await page.reload();
  await expect(page.getByTestId("message")).toHaveCount(3);
  const form = page.getByTestId("add-message-form");
  await form.getByRole("combobox", { name: "Message 1 role" }).selectOption("assistant");
  await form.getByRole("textbox", { name: "Message 1 text" }).fill(`Thanks, we are on it ${tag}`);
  await form.getByRole("button", { name: "Add message" }).dblclick();
  await expect(page.getByTestId("add-message-done")).toBeVisible();
  await expect(page.getByTestId("message")).toHaveCount(4);
  const listed = await upstream<{ data: unknown[] }>(request, "GET", `/threads/${id}/messages?limit=100`);
  expect(listed.data).toHaveLength(4);
  await expect(page.getByTestId("activity")).toContainText("Message added");

  // A teammate opens the link in a fresh browser and reads all of it, in order.
  const teammate = await browser.newContext();
  const shared = await teammate.newPage();
  await shared.goto(`/threads/${id}`);
  const messages = shared.getByTestId("message");
  await expect(messages).toHaveCount(4);
  await expect(messages.nth(0)).toContainText(`Where is my parcel? ${tag}`);
  await expect(messages.nth(0).getByTestId("sent-by-spool")).toBeVisible();
  await expect(messages.nth(1).getByTestId("message-role")).toHaveText("assistant");
  await expect(messages.nth(1).getByTestId("annotations")).toContainText("file-depot-log");
  await expect(messages.nth(1).getByTestId("annotations")).toContainText("file-tracking");
  await expect(messages.nth(1).getByTestId("message-run")).toContainText("run_123");
  await expect(messages.nth(1).getByTestId("message-run")).toContainText("asst_support");
  await expect(messages.nth(2).getByTestId("part-image-url")).toContainText("https://example.com/parcel.png");
  await expect(messages.nth(2).getByTestId("message-metadata")).toContainText("channel=email");
  await expect(messages.nth(2).getByTestId("sent-by-spool")).toHaveCount(0);
  await expect(messages.nth(3)).toContainText(`Thanks, we are on it ${tag}`);
  await expect(messages.nth(3).getByTestId("sent-by-spool")).toHaveText("Added through Spool");

  await shared.getByText("Newest first").click();
  await expect(messages.nth(0)).toContainText(`Thanks, we are on it ${tag}`);
  await teammate.close();

  // The list knows the count and last activity without asking the upstream.
  await page.goto(`/threads`);
  const row = page.getByTestId("thread-list").getByRole("link", { name: new RegExp(id) });
  await expect(row.getByTestId("thread-message-count")).toHaveText("4 messages");
  await expect(row.getByTestId("thread-last-activity")).toBeVisible();
});

test("bad input is refused beside the field; an upstream 5xx says the message may or may not have been added", async ({ page, request }) => {
  const tag = nonce();
  const thread = await upstream<{ id: string }>(request, "POST", "/threads", { metadata: { run: tag } });
  await page.goto("/threads");
  await page.getByRole("button", { name: "Import by id" }).click();
  await page.getByLabel("Import a thread created elsewhere").fill(thread.id);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("thread-id")).toHaveText(thread.id);
  await expect(page.getByTestId("messages-empty")).toBeVisible();

  // Live validation, as in the composer: an image URL that is not a URL blocks Add, beside the field.
  const form = page.getByTestId("add-message-form");
  await form.getByText("Content parts").click();
  await form.getByRole("button", { name: "Add image URL part to message 1" }).click();
  await form.getByRole("textbox", { name: "Message 1 part 2 image URL" }).fill("not a url");
  // Two problems: the bad URL, and the text part still blank (a blank message is a slip, defect 11).
  await expect(form.getByTestId("add-message-blocked")).toHaveText("2 problems to fix before adding.");
  await expect(form.getByRole("alert").filter({ hasText: "must be an absolute URI" })).toBeVisible();
  await expect(form.getByRole("alert").filter({ hasText: "Write the message's text" })).toBeVisible();
  await expect(form.getByRole("button", { name: "Add message" })).toBeDisabled();
  await form.getByRole("button", { name: "Remove message 1 part 2" }).click();
  await expect(form.getByTestId("add-message-blocked")).toHaveText("1 problem to fix before adding.");

  await injectFault(request, { kind: "status", status: 500, when: "after", method: "POST", path: `/v1/threads/${thread.id}/messages` });
  await form.getByText("Plain text").click();
  await form.getByRole("textbox", { name: "Message 1 text" }).fill(`maybe ${tag}`);
  await expect(form.getByTestId("add-message-blocked")).toHaveCount(0);
  await form.getByRole("button", { name: "Add message" }).click();
  await expect(page.getByTestId("add-message-error")).toContainText("may or may not have been added");
  await form.getByRole("button", { name: "Reload messages" }).click();
  await expect(page.getByTestId("message")).toHaveCount(1);
});

test("an imported thread shows the messages it was created with elsewhere", async ({ page, request }) => {
  const tag = nonce();
  const thread = await upstream<{ id: string }>(request, "POST", "/threads", {
    messages: [
      { role: "user", content: `made by a script ${tag}` },
      { role: "assistant", content: "and answered" },
    ],
  });
  await page.goto("/threads");
  await page.getByRole("button", { name: "Import by id" }).click();
  await page.getByLabel("Import a thread created elsewhere").fill(thread.id);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("thread-id")).toHaveText(thread.id);
  await expect(page.getByTestId("message")).toHaveCount(2);
  expect(await texts(page)).toEqual([`made by a script ${tag}`, "and answered"]);
  await expect(page.getByTestId("sent-by-spool")).toHaveCount(0);
});

test("a 1,000-message thread renders one page and fetches more on demand", async ({ page, request }) => {
  const thread = await upstream<{ id: string }>(request, "POST", "/threads", {});
  await runWrites(
    request,
    thread.id,
    Array.from({ length: 1000 }, (_, index) => ({ role: index % 2 ? "assistant" : "user", content: [{ type: "text", text: { value: `message ${index}`, annotations: [] } }] })),
  );
  await page.goto("/threads");
  await page.getByRole("button", { name: "Import by id" }).click();
  await page.getByLabel("Import a thread created elsewhere").fill(thread.id);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("message")).toHaveCount(50);
  await expect(page.getByTestId("message").first()).toContainText("message 0");

  // More comes on demand, a page at a time (the button, or the end of the list scrolling into
  // view, whichever fires first), in order, and never the whole thread at once.
  await page.getByTestId("load-more-messages").click();
  await expect.poll(() => page.getByTestId("message").count()).toBeGreaterThanOrEqual(100);
  expect([100, 150, 200]).toContain(await page.getByTestId("message").count());
  await expect(page.getByTestId("message").nth(99)).toContainText("message 99");
  await expect(page.getByTestId("message").nth(50)).toContainText("message 50");

  await page.getByText("Newest first").click();
  await expect(page.getByTestId("message").first()).toContainText("message 999");
  await expect(page.getByTestId("message")).toHaveCount(50);
});
