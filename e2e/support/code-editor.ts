import type { Locator, Page } from "@playwright/test";

/** The JSON tab's CodeMirror editor, found as a screen reader finds it. */
export function jsonEditor(page: Page): Locator {
  return page.getByRole("textbox", { name: "Request body (JSON)" });
}

/**
 * The text a CodeMirror editor shows, line by line. CodeMirror draws only the lines near the
 * viewport, so this reads short documents whole (every test body here is a few dozen lines).
 */
export async function editorText(editor: Locator): Promise<string> {
  // The editor loads with its tab: read it once it has drawn its first line, not before.
  await editor.locator(".cm-line").first().waitFor();
  return (await editor.locator(".cm-line").allTextContents()).join("\n");
}

/**
 * Replaces the whole document as a person would: Ctrl+A and Delete are CodeMirror's own commands,
 * so they reach lines it has not drawn. Playwright's `fill` alone selects only the drawn lines of
 * a long document and leaves the rest behind.
 */
export async function replaceEditorText(editor: Locator, text: string): Promise<void> {
  await editor.focus();
  await editor.press("Control+A");
  await editor.press("Delete");
  await editor.fill(text);
}

/** The whole editor (gutters and text) around its editable content. */
export function editorFrame(editor: Locator): Locator {
  return editor.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' cm-editor ')]");
}

/** Where the cursor is, as a person reads it: the highlighted line number, the column, the selected text. */
export async function editorCursor(editor: Locator): Promise<{ line: number; column: number; selected: string }> {
  const line = Number(await editorFrame(editor).locator(".cm-lineNumbers .cm-activeLineGutter").textContent());
  const { column, selected } = await editor.evaluate(() => {
    const selection = document.getSelection()!;
    const range = selection.getRangeAt(0);
    const start = range.startContainer;
    const lineElement = (start instanceof Element ? start : start.parentElement)!.closest(".cm-line")!;
    const before = document.createRange();
    before.setStart(lineElement, 0);
    before.setEnd(start, range.startOffset);
    return { column: before.toString().length + 1, selected: selection.toString() };
  });
  return { line, column, selected };
}

/** The line and column (1-based) where `needle` first starts in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} is not in the text`);
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
