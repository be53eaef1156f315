import { expect, test } from "@playwright/test";
import { addMessage, addMetadata, openEmptyComposer } from "./support/composer";
import { injectFault, nonce } from "./support/emulator";
import { PNG } from "./support/images";

test("a 'Fix N problems' link moves focus to the field while the Form tab is already open", async ({ page }) => {
  await openEmptyComposer(page);
  await addMessage(page, 0, "user", "hello");
  await addMetadata(page, [["team", "a"], ["team", "b"]]);
  const link = page.getByTestId("create-blockers").getByRole("button").first();
  await link.click();
  await expect(page.getByRole("textbox", { name: /^Metadata key \d$/ }).and(page.locator(":focus"))).toHaveCount(1);
});

test("the image-URL preview loads only the finished URL, once typing pauses", async ({ page }) => {
  const fetched: string[] = [];
  await page.route(/^https?:\/\/images\.example\.(com|org)\//, (route) => {
    fetched.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "image/png", body: PNG });
  });
  await openEmptyComposer(page);
  await page.getByRole("radiogroup", { name: "Message 1 content" }).getByText("Content parts").click();
  await page.getByRole("button", { name: "Add image URL part to message 1" }).click();
  const url = page.getByRole("textbox", { name: "Message 1 part 2 image URL" });
  await url.pressSequentially("https://images.example.com/cat.png", { delay: 40 });
  // The <img> has its size before its request goes out: wait until it has drawn the picture.
  const preview = page.getByRole("img", { name: "Preview of the image URL" });
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  expect(fetched).toEqual(["https://images.example.com/cat.png"]);
});

test("metadata rows tab key → value → Remove, and Add puts focus in the new key", async ({ page }) => {
  await openEmptyComposer(page);
  await page.getByRole("button", { name: "Add metadata pair", exact: true }).click();
  const key = page.getByRole("textbox", { name: "Metadata key 1", exact: true });
  await expect(key).toBeFocused();
  await key.fill("team");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Metadata value 1", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Remove metadata pair 1" })).toBeFocused();
});

test("the Attempts count in the navigation goes up as soon as a create fails", async ({ page, request }) => {
  const tag = nonce();
  await injectFault(request, { kind: "status", status: 400, when: "before", message: `Refused ${tag}`, match: tag });
  await page.goto("/threads/new");
  const badge = page.getByRole("navigation", { name: "Main" }).getByTestId("attempts-count");
  const before = (await badge.count()) ? Number(await badge.textContent()) : 0;
  await addMessage(page, 0, "user", `hello ${tag}`);
  await page.getByRole("button", { name: "Create thread" }).click();
  await expect(page.getByTestId("submit-error")).toContainText(`Refused ${tag}`);
  await expect(async () => {
    expect(Number(await badge.textContent({ timeout: 1000 }))).toBeGreaterThan(before);
  }).toPass();
});

test("a blank message blocks Create; a thread with no messages is allowed and said plainly", async ({ page }) => {
  await openEmptyComposer(page);
  const create = page.getByRole("button", { name: "Create thread" });
  await expect(create).toBeDisabled();
  await expect(page.getByTestId("create-blockers")).toContainText("Message 1");
  await expect(page.locator("#create-status")).not.toContainText("Ready.");

  await page.getByRole("button", { name: "Remove message 1" }).click();
  await expect(create).toBeEnabled();
  await expect(page.locator("#create-status")).toContainText("no messages");
});

test("tab lists move with the arrow keys: views and code languages", async ({ page }) => {
  await openEmptyComposer(page);
  await addMessage(page, 0, "user", "hello");
  const form = page.getByRole("tab", { name: "Form" });
  await form.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "JSON" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "JSON" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Code" })).toHaveAttribute("aria-selected", "true");

  const languages = page.getByRole("tablist", { name: "Language" }).getByRole("tab");
  await languages.first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(languages.nth(1)).toBeFocused();
  await expect(languages.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("End");
  await expect(languages.last()).toHaveAttribute("aria-selected", "true");
  // Tab leaves the list from the selected tab: one stop per list, as ARIA tabs are.
  await expect(languages.first()).toHaveAttribute("tabindex", "-1");
});

test("the Detail select stays level with the URL box when the URL shows an error", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openEmptyComposer(page);
  await page.getByRole("radiogroup", { name: "Message 1 content" }).getByText("Content parts").click();
  await page.getByRole("button", { name: "Add image URL part to message 1" }).click();
  const url = page.getByRole("textbox", { name: "Message 1 part 2 image URL" });
  await url.fill("not a url");
  await expect(page.locator(`#${await url.getAttribute("id")}-error`)).toBeVisible();
  const detail = page.getByRole("combobox", { name: "Message 1 part 2 detail" });
  const [urlBox, detailBox] = [await url.boundingBox(), await detail.boundingBox()];
  expect(Math.abs(urlBox!.y + urlBox!.height / 2 - (detailBox!.y + detailBox!.height / 2))).toBeLessThan(4);
});

test("a failed attempt opens in the composer with its request, and the error box links to it", async ({ page, request }) => {
  const tag = nonce();
  await injectFault(request, { kind: "status", status: 400, when: "before", message: `Refused ${tag}`, match: tag });
  await openEmptyComposer(page);
  await addMessage(page, 0, "user", `edit me ${tag}`);
  await page.getByRole("button", { name: "Create thread" }).click();
  await page.getByTestId("submit-error").getByRole("link", { name: "See this attempt in Attempts" }).click();
  await expect(page).toHaveURL(/\/attempts#attempt-/);
  const card = page.getByTestId("attempt").filter({ hasText: `edit me ${tag}` });
  await card.getByRole("link", { name: "Edit in composer" }).click();
  await expect(page.getByTestId("duplicate-notice")).toContainText("failed attempt");
  await expect(page.getByRole("textbox", { name: "Message 1 text" })).toHaveValue(`edit me ${tag}`);
});
