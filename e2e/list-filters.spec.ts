import { expect, test } from "@playwright/test";
import { nonce } from "./support/emulator";
import { createInSpool } from "./support/threads";

test("the filter bar keeps working after the first change: search, sort, then search again", async ({ page }) => {
  const run = nonce();
  await page.goto("/threads");
  const search = page.getByLabel("Search messages");
  await search.fill(`alpha-${run}`);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=alpha-${run}`));

  await page.getByLabel("Sort").selectOption("oldest");
  await expect(page).toHaveURL(new RegExp(`q=alpha-${run}.*order=oldest`));
  await expect(page.getByRole("search", { name: "Filter threads" })).toHaveCount(1);

  await search.fill(`beta-${run}`);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=beta-${run}.*order=oldest`));
  await expect(page.getByRole("search", { name: "Filter threads" })).toHaveCount(1);
  await expect(page.getByText("Loading…")).toHaveCount(0);
  await expect(page.getByTestId("no-matches")).toBeVisible();
});

test("a hand-written ?meta=key%3Dvalue filters the list and shows as a chip", async ({ page, request }) => {
  const run = nonce();
  const support = await createInSpool(request, { messages: [{ role: "user", content: `help ${run}` }], metadata: { run, team: "support" } });
  await createInSpool(request, { messages: [{ role: "user", content: `sales ${run}` }], metadata: { run, team: "sales" } });

  await page.goto(`/threads?meta=${encodeURIComponent(`run=${run}`)}&meta=${encodeURIComponent("team=support")}`);
  await expect(page.getByRole("list", { name: "Metadata filters" })).toContainText("team=support");
  const rows = page.getByTestId("thread-list").getByRole("link");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(support.id);
});

test("Enter in the metadata filter adds the chip and applies it, as Enter in Search does", async ({ page }) => {
  const run = nonce();
  await page.goto("/threads");
  await page.getByLabel("Metadata", { exact: true }).fill(`run=${run}`);
  await page.getByLabel("Metadata", { exact: true }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`meta\\.run=${run}`));
  await expect(page.getByRole("list", { name: "Metadata filters" })).toContainText(`run=${run}`);
});

test("search matches prefixes as people type, and the keyboard moves through the list", async ({ page, request }) => {
  const run = nonce();
  const thread = await createInSpool(request, { messages: [{ role: "user", content: `Where is my refund ${run}` }], metadata: { run } });
  await page.goto(`/threads?meta.run=${run}`);
  // The keys work once the page has hydrated: press "/" again (as a person would) until it takes.
  const search = page.getByLabel("Search messages");
  await expect(async () => {
    if (!(await search.evaluate((element) => element === document.activeElement))) await page.keyboard.press("/");
    await expect(search).toBeFocused({ timeout: 1000 });
  }).toPass();
  await page.keyboard.type("refun", { delay: 50 });
  await expect(page).toHaveURL(/q=refun(&|$)/);
  const rows = page.getByTestId("thread-list").getByRole("link");
  await expect(rows).toHaveCount(1);
  // The row's title is the first message; its time is relative, exact UTC on hover.
  await expect(rows.first()).toContainText(`Where is my refund ${run}`);
  await expect(rows.first().locator("time").first()).toHaveAttribute("title", /UTC$/);

  await page.getByRole("heading", { name: "Threads" }).click();
  await page.keyboard.press("j");
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/threads/${thread.id}$`));
});

test("the list says how many threads there are or match, and each active filter is a chip that removes it", async ({ page, request }) => {
  const run = nonce();
  for (const team of ["support", "support", "sales"]) {
    await createInSpool(request, { messages: [{ role: "user", content: `${team} ${run}` }], metadata: { run, team } });
  }
  await page.goto("/threads");
  await expect(page.getByTestId("thread-count")).toHaveText(/^[\d,]+\+? threads?$/);
  await expect(page.getByRole("list", { name: "Active filters" })).toHaveCount(0);

  await page.goto(`/threads?meta.run=${run}&meta.team=support&order=oldest`);
  await expect(page.getByTestId("thread-count")).toHaveText("2 threads match");
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("link")).toHaveText([`run = ${run}×`, "team = support×", "Clear all"]);

  await chips.getByRole("link", { name: "Remove filter team = support" }).click();
  await expect(page).toHaveURL(new RegExp(`/threads\\?meta\\.run=${run}&order=oldest$`));
  await expect(page.getByTestId("thread-count")).toHaveText("3 threads match");
  await expect(page.getByTestId("thread-list").getByRole("link")).toHaveCount(3);
  // The filter bar follows the URL: the removed pair is gone from it too.
  await expect(page.getByRole("list", { name: "Metadata filters" })).not.toContainText("team=support");
  await expect(chips.getByRole("link", { name: "Clear all" })).toHaveCount(0);
});
