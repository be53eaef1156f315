import { expect, type Page } from "@playwright/test";

export async function addMessage(page: Page, index: number, role: "user" | "assistant", text: string) {
  // Count the editors only once the composer has mounted (it renders a skeleton until it can
  // read the saved draft); counted earlier, the count is 0 and an extra message gets added.
  await expect(page.getByRole("tablist", { name: "Composer view" })).toBeVisible();
  const editors = page.getByTestId("message-editor");
  if ((await editors.count()) <= index) await page.getByRole("button", { name: "Add message", exact: true }).click();
  await page.getByRole("combobox", { name: `Message ${index + 1} role` }).selectOption(role);
  await page.getByRole("textbox", { name: `Message ${index + 1} text` }).fill(text);
}

export async function addMetadata(page: Page, pairs: [string, string][]) {
  for (const [key, value] of pairs) {
    await page.getByRole("button", { name: "Add metadata pair", exact: true }).click();
    const index = await page.getByTestId("metadata-row").count();
    await page.getByRole("textbox", { name: `Metadata key ${index}`, exact: true }).fill(key);
    await page.getByRole("textbox", { name: `Metadata value ${index}`, exact: true }).fill(value);
  }
}

export async function expectOnThreadPage(page: Page) {
  await expect(page).toHaveURL(/\/threads\/thread_[A-Za-z0-9]{24}$/);
  return page.url().split("/").pop()!;
}

/** A fresh composer: no draft left over from an earlier test in this browser context. */
export async function openEmptyComposer(page: Page) {
  await page.goto("/threads/new");
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Message 1 text" })).toBeVisible();
}

/** Presses Tab until the focused element matches, so a test moves through the page as a keyboard user does. */
export async function tabTo(page: Page, matches: (element: { tag: string; name: string; id: string }) => boolean, { backwards = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const labelled = element?.getAttribute("aria-label");
      const byFor = element?.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent : null;
      return { tag: element?.tagName.toLowerCase() ?? "", name: (labelled ?? byFor ?? element?.textContent ?? "").trim(), id: element?.id ?? "" };
    });
    if (matches(focused)) return focused;
  }
  throw new Error("tabTo: the element was never focused");
}
