import { expect, test } from "@playwright/test";
import { editorText, jsonEditor } from "./support/code-editor";
import { addMetadata, expectOnThreadPage, openEmptyComposer, tabTo } from "./support/composer";
import { ledgerBodies, nonce } from "./support/emulator";

test("a thread using every part type is created and each part shows on its page", async ({ page, request }) => {
  const tag = nonce();
  await openEmptyComposer(page);

  // Message 1: text, image URL and image file parts, an attachment for both tools, its own metadata.
  await page.getByRole("textbox", { name: "Message 1 text" }).fill(`Compare these ${tag}`);
  await page.getByRole("radiogroup", { name: "Message 1 content" }).getByText("Content parts").click();
  await expect(page.getByRole("textbox", { name: "Message 1 part 1 text" })).toHaveValue(`Compare these ${tag}`);
  await page.getByRole("button", { name: "Add image URL part to message 1" }).click();
  // An image the test server really serves, so the preview loads (with no referrer).
  const imageUrl = new URL("/favicon.svg", page.url()).href;
  await page.getByRole("textbox", { name: "Message 1 part 2 image URL" }).fill(imageUrl);
  await page.getByRole("combobox", { name: "Message 1 part 2 detail" }).selectOption("high");
  await page.getByRole("button", { name: "Add image file part to message 1" }).click();
  await page.getByRole("textbox", { name: "Message 1 part 3 image file ID" }).fill("file-image1");
  await page.getByRole("combobox", { name: "Message 1 part 3 detail" }).selectOption("low");
  await page.getByRole("button", { name: /Attachments and metadata.*message 1/ }).click();
  await page.getByRole("button", { name: "Add attachment to message 1" }).click();
  await page.getByRole("textbox", { name: "Message 1 attachment 1 file ID" }).fill("file-attach1");
  await expect(page.getByRole("checkbox", { name: "Message 1 attachment 1: Code interpreter" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Message 1 attachment 1: File search" })).toBeChecked();
  await page.getByRole("button", { name: "Add metadata pair to message 1" }).click();
  await page.getByRole("textbox", { name: "Message 1 metadata key 1" }).fill("lang");
  await page.getByRole("textbox", { name: "Message 1 metadata value 1" }).fill("en");

  // Tool resources: code interpreter files pasted at once, a new vector store chunked statically.
  const codeFiles = page.getByRole("textbox", { name: "Code interpreter files" });
  await codeFiles.focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "file-code1\nfile-code2, file-code3");
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId("field-tool_resources_code_interpreter_file_ids-count")).toHaveText("3 / 20 files");
  await page.getByRole("radio", { name: /New vector store/ }).check();
  await page.getByRole("textbox", { name: "Vector store files" }).fill("file-store1 ");
  await page.getByRole("radiogroup", { name: "Chunking strategy" }).getByText("Static").click();
  await page.getByRole("spinbutton", { name: "Max chunk size (tokens)" }).fill("1000");
  await page.getByRole("spinbutton", { name: "Chunk overlap (tokens)" }).fill("500");
  await addMetadata(page, [["run", tag]]);

  await expect(page.locator("#create-status")).toContainText("Ready");
  await page.getByRole("button", { name: "Create thread" }).click();
  await expectOnThreadPage(page);

  const message = page.getByTestId("message").first();
  await expect(message.getByTestId("part-text")).toHaveText(`Compare these ${tag}`);
  await expect(message.getByTestId("part-image-url")).toContainText(imageUrl);
  await expect(message.getByTestId("part-image-url")).toContainText("detail high");
  await expect(message.getByTestId("part-image-url").getByRole("img")).toHaveAttribute("referrerpolicy", "no-referrer");
  await expect(message.getByTestId("part-image-file")).toContainText("file-image1");
  await expect(message.getByTestId("part-image-file")).toContainText("detail low");
  await expect(message.getByTestId("message-attachments")).toContainText("file-attach1");
  await expect(message.getByTestId("message-attachments")).toContainText("code_interpreter");
  await expect(message.getByTestId("message-attachments")).toContainText("file_search");
  await expect(message.getByTestId("message-metadata")).toHaveText("lang=en");

  // The upstream received the tool resources exactly as composed.
  const sent = (await ledgerBodies(request)).find((body) => body.includes(tag));
  expect(JSON.parse(sent!)).toMatchObject({
    tool_resources: {
      code_interpreter: { file_ids: ["file-code1", "file-code2", "file-code3"] },
      file_search: {
        vector_stores: [
          { file_ids: ["file-store1"], chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 500 } } },
        ],
      },
    },
  });
  // The stored request is collapsed until asked for; opening it shows what was sent.
  const rawRequest = page.getByTestId("raw-request");
  await rawRequest.getByText("Request sent upstream").click();
  await expect(rawRequest.getByText('"chunk_overlap_tokens": 500')).toBeVisible();
});

test("JSON mode round-trips with the form and names what the form cannot hold", async ({ page }) => {
  const tag = nonce();
  await openEmptyComposer(page);
  await page.getByRole("textbox", { name: "Message 1 text" }).fill(`Hello ${tag}`);
  await addMetadata(page, [["team", "qa"]]);

  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = jsonEditor(page);
  const fromForm = JSON.parse(await editorText(editor)) as unknown;
  expect(fromForm).toEqual({ messages: [{ role: "user", content: `Hello ${tag}` }], metadata: { team: "qa" } });

  // Edit the body as JSON; the form shows the edit.
  const edited = {
    messages: [
      { role: "assistant", content: [{ type: "image_file", image_file: { file_id: "file-x", detail: "auto" } }] },
      { role: "user", content: `Edited ${tag}` },
    ],
    tool_resources: { file_search: { vector_store_ids: ["vs_123"] } },
    metadata: { team: "qa", run: tag },
  };
  await editor.fill(JSON.stringify(edited, null, 2));
  await expect(page.getByTestId("json-ok")).toBeVisible();
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(page.getByRole("combobox", { name: "Message 1 role" })).toHaveValue("assistant");
  await expect(page.getByRole("textbox", { name: "Message 1 part 1 image file ID" })).toHaveValue("file-x");
  await expect(page.getByRole("textbox", { name: "Message 2 text" })).toHaveValue(`Edited ${tag}`);
  await expect(page.getByRole("textbox", { name: "Vector store ID" })).toHaveValue("vs_123");

  // And back: nothing the form can express was lost on the way.
  await page.getByRole("tab", { name: "JSON" }).click();
  expect(JSON.parse(await editorText(editor))).toEqual(edited);

  // A body with what the form cannot hold says so before switching, and an invalid one names the JSON path.
  await editor.fill(JSON.stringify({ messages: [{ role: "user", content: "x", attachments: null }], tool_resources: { custom: 1 } }));
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(page.getByTestId("form-losses")).toContainText("messages[0].attachments");
  await expect(page.getByTestId("form-losses")).toContainText("tool_resources");
  await page.getByRole("button", { name: "Stay in JSON" }).click();
  await editor.fill('{"messages": [{"role": "system", "content": "x"}]}');
  await expect(page.getByTestId("json-errors")).toContainText("messages[0].role");
  await expect(page.getByRole("button", { name: "Create thread" })).toBeDisabled();
  await editor.fill('{"messages": [}');
  await expect(page.getByTestId("json-syntax-error")).toContainText("Line 1, column");

  // A pasted SDK example is read as the body it describes.
  await editor.fill(`thread = client.beta.threads.create(\n    messages=[{"role": "user", "content": "From Python ${tag}"}],\n    metadata={"sdk": "python"},\n)`);
  await expect(page.getByTestId("json-ok")).toContainText("Python SDK call");
  await page.getByRole("button", { name: "Format as JSON" }).click();
  expect(JSON.parse(await editorText(editor))).toEqual({ messages: [{ role: "user", content: `From Python ${tag}` }], metadata: { sdk: "python" } });
});

test("an overlap above half the chunk size is shown at the field and blocks Create", async ({ page }) => {
  await openEmptyComposer(page);
  await page.getByRole("textbox", { name: "Message 1 text" }).fill("chunking");
  await page.getByRole("radio", { name: /New vector store/ }).check();
  await page.getByRole("radiogroup", { name: "Chunking strategy" }).getByText("Static").click();
  await page.getByRole("spinbutton", { name: "Max chunk size (tokens)" }).fill("800");
  const overlap = page.getByRole("spinbutton", { name: "Chunk overlap (tokens)" });
  await overlap.fill("401");

  await expect(overlap).toHaveAttribute("aria-invalid", "true");
  const error = page.locator("#field-tool_resources_file_search_vector_stores_0_chunking_strategy_static_chunk_overlap_tokens-error");
  await expect(error).toContainText("must not exceed half of the max chunk size (800 tokens); use 400 or fewer");
  await expect(page.getByRole("button", { name: "Create thread" })).toBeDisabled();
  await expect(page.locator("#create-status")).toContainText("Fix 1 problem");
  await expect(page.locator("#create-status")).toContainText("New vector store, chunk overlap");

  await overlap.fill("400");
  await expect(error).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create thread" })).toBeEnabled();
});

test("a two-message thread is composed, reordered and created with the keyboard alone", async ({ page }) => {
  const tag = nonce();
  await openEmptyComposer(page);
  await page.locator("body").focus();

  await tabTo(page, (el) => el.name === "Message 1 text");
  await page.keyboard.type(`Answer first ${tag}`);
  await tabTo(page, (el) => el.name === "Add message");
  await page.keyboard.press("Enter");
  // Focus lands in the new message, whose role answers the last one.
  await expect(page.getByRole("textbox", { name: "Message 2 text" })).toBeFocused();
  await expect(page.getByRole("combobox", { name: "Message 2 role" })).toHaveValue("assistant");
  await page.keyboard.type(`Question second ${tag}`);

  // Move message 2 above message 1, then fix the roles, all from the keyboard.
  await tabTo(page, (el) => el.name === "Move message 2 up", { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Message 1 text" })).toHaveValue(`Question second ${tag}`);
  await expect(page.getByRole("button", { name: "Move message 1 down" })).toBeFocused();
  await tabTo(page, (el) => el.name === "Message 1 role", { backwards: true });
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("combobox", { name: "Message 1 role" })).toHaveValue("user");
  await tabTo(page, (el) => el.name === "Message 2 role");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("combobox", { name: "Message 2 role" })).toHaveValue("assistant");

  await tabTo(page, (el) => el.name === "Create thread");
  await page.keyboard.press("Enter");
  await expectOnThreadPage(page);
  const messages = page.getByTestId("message");
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(0)).toContainText("user");
  await expect(messages.nth(0)).toContainText(`Question second ${tag}`);
  await expect(messages.nth(1)).toContainText("assistant");
  await expect(messages.nth(1)).toContainText(`Answer first ${tag}`);
});

test("a draft survives a reload, and Duplicate as new pre-fills the composer from a thread", async ({ page }) => {
  const tag = nonce();
  await openEmptyComposer(page);
  await page.getByRole("textbox", { name: "Message 1 text" }).fill(`Kept across reloads ${tag}`);
  await addMetadata(page, [["run", tag]]);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Message 1 text" })).toHaveValue(`Kept across reloads ${tag}`);
  await expect(page.getByRole("textbox", { name: "Metadata value 1", exact: true })).toHaveValue(tag);

  await page.getByRole("button", { name: "Create thread" }).click();
  const original = await expectOnThreadPage(page);
  await page.getByRole("link", { name: "Duplicate as new" }).click();
  await expect(page).toHaveURL(new RegExp(`/threads/new\\?from=${original}$`));
  await expect(page.getByTestId("duplicate-notice")).toContainText(original);
  await expect(page.getByRole("textbox", { name: "Message 1 text" })).toHaveValue(`Kept across reloads ${tag}`);
  await page.getByRole("textbox", { name: "Metadata value 1", exact: true }).fill(`${tag}-copy`);
  await page.getByRole("button", { name: "Create thread" }).click();
  const copy = await expectOnThreadPage(page);
  expect(copy).not.toBe(original);
  await expect(page.getByTestId("metadata")).toContainText(`${tag}-copy`);

  // The created draft is gone: a new composer starts empty.
  await page.goto("/threads/new");
  await expect(page.getByRole("textbox", { name: "Message 1 text" })).toHaveValue("");
});
