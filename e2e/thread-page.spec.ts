import { expect, test } from "@playwright/test";
import { nonce } from "./support/emulator";
import { createInSpool } from "./support/threads";

test("an image URL that fails to load shows nothing, even when it fails before the page hydrates", async ({ page, request }) => {
  const tag = nonce();
  await page.route(/^https:\/\/images\.example\.com\//, (route) => route.fulfill({ status: 404, body: "" }));
  const thread = await createInSpool(request, {
    metadata: { run: tag },
    messages: [{ role: "user", content: [{ type: "text", text: `look ${tag}` }, { type: "image_url", image_url: { url: `https://images.example.com/${tag}.png` } }] }],
  });
  await page.goto(`/threads/${thread.id}`);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("main img")).toHaveCount(0);
});

test("Refresh from upstream says what it found in place, and the note goes once you do something else", async ({ page, request }) => {
  const thread = await createInSpool(request, { messages: [{ role: "user", content: `refresh ${nonce()}` }], metadata: { team: "a" } });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/threads/${thread.id}`);
  await page.getByRole("button", { name: "Refresh from upstream" }).click();
  const result = page.getByTestId("refresh-result");
  await expect(result).toContainText("Up to date");
  // Nothing below is covered: the note takes its own space.
  const note = (await result.boundingBox())!;
  for (const below of [page.locator("dl").first(), page.getByRole("heading", { name: "Metadata" })]) {
    const box = (await below.boundingBox())!;
    const overlaps = note.x < box.x + box.width && box.x < note.x + note.width && note.y < box.y + box.height && box.y < note.y + note.height;
    expect(overlaps).toBe(false);
  }
  await page.getByRole("button", { name: "Edit metadata" }).click();
  await expect(result).toHaveCount(0);
});

test("Copy link copies the thread's canonical address, and says so only when it did", async ({ page, context, request, baseURL }) => {
  const thread = await createInSpool(request, { messages: [{ role: "user", content: `copy ${nonce()}` }] });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(`/threads/${thread.id}?already=1`);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Link copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/threads/${thread.id}`);

  const bare = await context.newPage();
  await bare.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
  await bare.goto(`/threads/${thread.id}`);
  await bare.getByRole("button", { name: "Copy link" }).click();
  await expect(bare.getByText("Link copied")).toHaveCount(0);
  await expect(bare.getByRole("textbox", { name: "Link to this thread" })).toHaveValue(`${baseURL}/threads/${thread.id}`);
});

test("Edit metadata puts focus in the editor, and Escape cancels back to the button", async ({ page, request }) => {
  const thread = await createInSpool(request, { messages: [{ role: "user", content: `edit ${nonce()}` }], metadata: { team: "a" } });
  await page.goto(`/threads/${thread.id}`);
  await page.getByRole("button", { name: "Edit metadata" }).click();
  const key = page.getByRole("textbox", { name: "Metadata key 1", exact: true });
  await expect(key).toBeFocused();
  await key.fill("changed");
  await page.keyboard.press("Escape");
  await expect(key).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit metadata" })).toBeFocused();
  await expect(page.getByText("team", { exact: true })).toBeVisible();
});
