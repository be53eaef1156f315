import { expect, test } from "@playwright/test";
import { addMessage, addMetadata, expectOnThreadPage } from "./support/composer";
import { injectFault, ledgerBodies, nonce } from "./support/emulator";

async function createWithFault(page: import("@playwright/test").Page, tag: string) {
  await page.goto("/threads/new");
  await addMessage(page, 0, "user", `Refund request ${tag}`);
  await addMetadata(page, [["run", tag]]);
  await page.getByRole("button", { name: "Create thread" }).click();
  await expect(page.getByTestId("submit-error")).toBeVisible();
}

test("an outcome-unknown attempt is listed with a warning, and Retry creates the thread", async ({ page, request }) => {
  const tag = nonce();
  await injectFault(request, { kind: "status", status: 500, when: "after", match: tag });
  await createWithFault(page, tag);
  await expect(page.getByTestId("submit-error")).toContainText("outcome unknown");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Attempts/ }).click();
  await expect(page).toHaveURL(/\/attempts$/);
  const card = page.getByTestId("attempt").filter({ hasText: `Refund request ${tag}` });
  await expect(card).toContainText("Outcome unknown");
  await expect(card).toContainText(`run=${tag}`);
  await expect(card).toContainText("may or may not have been created");

  await card.getByRole("button", { name: "Retry…" }).click();
  await expect(card.getByRole("group", { name: "Confirm retry" })).toContainText("can leave two threads");
  await card.getByRole("button", { name: "Retry anyway" }).click();
  const id = await expectOnThreadPage(page);
  await expect(page.getByTestId("message").nth(0)).toContainText(`Refund request ${tag}`);

  // The first attempt did create one upstream (the 500 came after): the warning was true.
  expect((await ledgerBodies(request)).filter((body) => body.includes(tag))).toHaveLength(2);
  await page.goto("/attempts");
  await expect(page.getByTestId("attempt").filter({ hasText: tag })).toHaveCount(0);
  expect(id).toMatch(/^thread_/);
});

test("a failed attempt retries without a warning, and Dismiss takes an attempt off the list", async ({ page, request }) => {
  const tag = nonce();
  await injectFault(request, { kind: "status", status: 400, message: `Rejected ${tag}`, when: "before", match: tag, times: 2 });
  await createWithFault(page, tag);

  await page.goto("/attempts");
  const card = page.getByTestId("attempt").filter({ hasText: `Refund request ${tag}` });
  await expect(card).toContainText("Failed");
  await card.getByRole("button", { name: "Retry", exact: true }).click();
  await expect(page.getByTestId("retry-error")).toContainText(`Rejected ${tag}`);

  // The retry failed too and is now the one listed; dismiss it.
  const retried = page.getByTestId("attempt").filter({ hasText: `Refund request ${tag}` });
  await expect(retried).toHaveCount(1);
  await expect(retried).toContainText("(a retry)");
  await retried.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("attempt").filter({ hasText: tag })).toHaveCount(0);
  expect((await ledgerBodies(request)).some((body) => body.includes(tag))).toBe(false);
});

test("the attempts page reads well on a laptop and a phone", async ({ page, request }) => {
  const tag = nonce();
  await injectFault(request, { kind: "drop", when: "after", match: tag });
  await createWithFault(page, tag);
  for (const [name, width, height] of [["laptop", 1280, 800], ["phone", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto("/attempts");
    await expect(page.getByTestId("attempt").first()).toBeVisible();
    await page.screenshot({ path: `test-results/attempts-${name}.png`, fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});
