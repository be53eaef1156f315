import { expect, test, type Locator, type Page } from "@playwright/test";
import { editorCursor, editorFrame, editorText, jsonEditor, positionOf, replaceEditorText } from "./support/code-editor";
import { addMessage, openEmptyComposer } from "./support/composer";
import { contrastFailures, luminance } from "./support/contrast";

// Each test opens the composer and loads CodeMirror (and for the code view, a grammar per
// language) on demand: on a busy machine that takes longer than the default test time.
test.slow(true, "loads the composer and its on-demand editor chunks");

/** Every script the page downloads, with its text, in the order the responses arrive. */
function recordScripts(page: Page): Promise<string>[] {
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text().catch(() => ""));
  });
  return scripts;
}

/** CodeMirror's editable area carries this class name; any script that builds an editor holds it. */
const CODEMIRROR_MARK = "cm-content";

/** The colours of the token spans CodeMirror drew, distinct, without the editor's plain text colour. */
async function tokenColours(editor: Locator): Promise<string[]> {
  return editor.evaluate((content) => {
    const plain = getComputedStyle(content).color;
    const colours = [...content.querySelectorAll(".cm-line span")].map((span) => getComputedStyle(span).color);
    return [...new Set(colours)].filter((colour) => colour !== plain);
  });
}

async function colourOf(editor: Locator, token: string): Promise<string> {
  return editor.locator("span", { hasText: new RegExp(`^${token}$`) }).first().evaluate((span) => getComputedStyle(span).color);
}

/** The composer in a fresh browser context (no saved draft), every script of its load recorded. */
async function openComposerRecordingScripts(page: Page): Promise<Promise<string>[]> {
  const scripts = recordScripts(page);
  await page.goto("/threads/new");
  await addMessage(page, 0, "user", "hello from the code view");
  await page.waitForLoadState("networkidle");
  return scripts;
}

test("CodeMirror loads only when the JSON or Code tab is opened", async ({ page }) => {
  const scripts = await openComposerRecordingScripts(page);
  const firstLoad = await Promise.all(scripts);
  expect(firstLoad.length).toBeGreaterThan(0);
  expect(firstLoad.filter((text) => text.includes(CODEMIRROR_MARK))).toEqual([]);

  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(jsonEditor(page)).toBeVisible();
  const afterJson = (await Promise.all(scripts)).slice(firstLoad.length);
  expect(afterJson.some((text) => text.includes(CODEMIRROR_MARK))).toBe(true);
});

test("the JSON editor highlights tokens, numbers its lines and matches brackets", async ({ page }) => {
  await openEmptyComposer(page);
  await addMessage(page, 0, "user", "hello");
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = jsonEditor(page);
  await expect(editor).toBeVisible();
  const text = await editorText(editor);
  expect(JSON.parse(text)).toEqual({ messages: [{ role: "user", content: "hello" }] });

  // Keys, strings and punctuation each in their own colour.
  const key = await colourOf(editor, '"role"');
  const value = await colourOf(editor, '"user"');
  expect(key).not.toEqual(value);
  expect(await tokenColours(editor)).toEqual(expect.arrayContaining([key, value]));

  // One number per line.
  const lineCount = text.split("\n").length;
  const numbers = editorFrame(editor).locator(".cm-lineNumbers .cm-gutterElement:visible");
  await expect(numbers.filter({ hasText: /^\d+$/ })).toHaveText(Array.from({ length: lineCount }, (_, i) => String(i + 1)));

  // The cursor beside the first brace marks it and its partner on the last line.
  await editor.click();
  await page.keyboard.press("Control+Home");
  const matching = editor.locator(".cm-matchingBracket");
  await expect(matching).toHaveCount(2);
  await expect(matching).toHaveText(["{", "}"]);
  await expect(editor.locator(".cm-line").last().locator(".cm-matchingBracket")).toHaveText("}");
});

test("typing edits the body like a text box, and Tab leaves the editor", async ({ page }) => {
  await openEmptyComposer(page);
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = jsonEditor(page);
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type('{"metadata": {"team": "qa"}}');
  await expect(page.getByTestId("json-ok")).toBeVisible();
  expect(JSON.parse(await editorText(editor))).toEqual({ metadata: { team: "qa" } });

  await page.keyboard.press("Tab");
  await expect(editor).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest(".cm-editor") ?? null)).toBeNull();
  expect(JSON.parse(await editorText(editor))).toEqual({ metadata: { team: "qa" } });
  await editor.click();
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Format as JSON" })).toBeFocused();
});

test("an error link puts the cursor on the field at its line and column, scrolled into view", async ({ page }) => {
  await openEmptyComposer(page);
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = jsonEditor(page);
  // A long body, so the field is far below what the editor shows at first.
  const messages = Array.from({ length: 30 }, (_, i) => ({ role: "user", content: `message ${i}` }));
  messages.push({ role: "system", content: "not allowed" });
  const body = JSON.stringify({ messages }, null, 2);
  await editor.fill(body);
  const errors = page.getByTestId("json-errors");
  await expect(errors).toContainText("messages[30].role");

  await errors.getByRole("button", { name: "messages[30].role" }).click();
  await expect(editor).toBeFocused();
  const expected = positionOf(body, '"system"');
  await expect.poll(() => editorCursor(editor)).toEqual({ ...expected, selected: '"system"' });
  await expect(editor.locator(".cm-line", { hasText: '"role": "system"' })).toBeInViewport();

  // Typing replaces the selected value, and the error goes.
  await page.keyboard.type('"assistant"');
  await expect(page.getByTestId("json-ok")).toBeVisible();

  // From another tab, the link under Create opens the JSON tab with the cursor on the field.
  const wrongType = '{\n  "messages": [\n    {"role": "user", "content": "x", "attachments": "blue"}\n  ]\n}';
  await replaceEditorText(editor, wrongType);
  await page.getByRole("tab", { name: "Code" }).click();
  await page.getByTestId("create-blockers").getByRole("button", { name: /attachments/i }).click();
  await expect(jsonEditor(page)).toBeFocused();
  await expect.poll(() => editorCursor(jsonEditor(page))).toEqual({ ...positionOf(wrongType, '"blue"'), selected: '"blue"' });

  // A syntax error's link goes to its line and column.
  await jsonEditor(page).fill('{\n  "messages": [}\n}');
  await expect(page.getByTestId("json-syntax-error")).toContainText("Line 2, column 16");
  await page.getByRole("button", { name: "Show it in the editor" }).click();
  await expect.poll(() => editorCursor(jsonEditor(page))).toEqual({ line: 2, column: 16, selected: "" });
});

test("the code view is a read-only, highlighted editor for every language", async ({ page }) => {
  const scripts = await openComposerRecordingScripts(page);
  const firstLoad = await Promise.all(scripts);
  expect(firstLoad.filter((text) => text.includes(CODEMIRROR_MARK))).toEqual([]);
  await page.getByRole("tab", { name: "Code" }).click();

  const languages = page.getByRole("tablist", { name: "Language" }).getByRole("tab");
  await expect(languages).toHaveCount(6);
  const names = await languages.allTextContents();
  expect(names).toEqual(["curl", "Node", "Python", "Ruby", "Java", "Go"]);
  for (const name of names) {
    await languages.filter({ hasText: new RegExp(`^${name}$`) }).click();
    const code = page.getByRole("textbox", { name: `${name} code` });
    await expect(code).toHaveAttribute("aria-readonly", "true");
    await expect(code).toContainText("hello from the code view");
    // At least keywords or strings and one more kind of token, each coloured.
    await expect.poll(async () => (await tokenColours(code)).length, { message: `${name} highlighting` }).toBeGreaterThanOrEqual(2);
    await expect(editorFrame(code).locator(".cm-lineNumbers .cm-gutterElement", { hasText: /^1$/ })).toBeVisible();

    const before = await editorText(code);
    await code.click();
    await page.keyboard.type("typed");
    expect(await editorText(code)).toBe(before);
    await page.keyboard.press("Tab");
    await expect(code).not.toBeFocused();
  }
  const afterCode = (await Promise.all(scripts)).slice(firstLoad.length);
  expect(afterCode.some((text) => text.includes(CODEMIRROR_MARK))).toBe(true);
});

for (const scheme of ["light", "dark"] as const) {
  test(`the JSON and code editors meet WCAG AA contrast in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openEmptyComposer(page);
    await addMessage(page, 0, "user", "contrast");
    await page.getByRole("tab", { name: "JSON" }).click();
    const editor = jsonEditor(page);
    // Keys, strings, numbers, booleans, null and a problem listed under the editor.
    await editor.fill('{\n  "messages": [{"role": "user", "content": "contrast", "attachments": null}],\n  "metadata": {"n": 1, "ok": true}\n}');
    await expect(page.getByTestId("json-errors")).toBeVisible();
    await editor.click();
    await page.keyboard.press("Control+End");
    const background = await editorFrame(editor).evaluate((frame) => getComputedStyle(frame).backgroundColor);
    expect(luminance(background) < 0.05).toBe(scheme === "dark");
    // Keys, strings, and numbers with the other literals.
    expect(await tokenColours(editor)).toHaveLength(3);
    expect(await page.evaluate(contrastFailures), `JSON tab in ${scheme} mode`).toEqual([]);

    await page.getByRole("tab", { name: "Code" }).click();
    for (const name of ["Python"]) {
      await page.getByRole("tablist", { name: "Language" }).getByRole("tab", { name, exact: true }).click();
      const code = page.getByRole("textbox", { name: `${name} code` });
      await expect.poll(async () => (await tokenColours(code)).length).toBeGreaterThanOrEqual(3);
      expect(await page.evaluate(contrastFailures), `${name} code in ${scheme} mode`).toEqual([]);
    }
  });
}

test("the editor follows the dark-mode toggle without a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await openEmptyComposer(page);
  await page.getByRole("tab", { name: "JSON" }).click();
  const frame = editorFrame(jsonEditor(page));
  const background = () => frame.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(luminance(await background())).toBeGreaterThan(0.9);
  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect.poll(async () => luminance(await background())).toBeLessThan(0.05);
});
