import { expect, test } from "@playwright/test";
import { nonce } from "./support/emulator";
import { createInSpool } from "./support/threads";
import { contrastFailures, luminance } from "./support/contrast";

test("dark mode follows the system before the first paint, and the toggle's choice persists", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  // Read at the first moment the body exists, before React runs: no light flash.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as unknown as { darkAtLoad: boolean }).darkAtLoad = document.documentElement.classList.contains("dark");
    });
  });
  await page.goto("/threads");
  expect(await page.evaluate(() => (window as unknown as { darkAtLoad: boolean }).darkAtLoad)).toBe(true);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(background)).toBeLessThan(0.05);

  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "false");
});

test("the navigation marks the current page", async ({ page }) => {
  await page.goto("/attempts");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: /^Attempts/ })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Threads", exact: true })).not.toHaveAttribute("aria-current", "page");
  await page.goto("/threads");
  await expect(nav.getByRole("link", { name: "Threads", exact: true })).toHaveAttribute("aria-current", "page");
});

for (const scheme of ["light", "dark"] as const) {
  test(`text on the list, composer, thread (with its conversation), Attempts and API keys pages meets WCAG AA contrast in ${scheme} mode`, async ({ page, request }) => {
    const thread = await createInSpool(request, {
      messages: [
        { role: "user", content: `Where is my refund? ${nonce()}` },
        { role: "assistant", content: "It was issued today." },
      ],
      metadata: { team: "support" },
    });
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/threads", "/threads/new", `/threads/${thread.id}`, "/attempts", "/settings/api-keys"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (path === `/threads/${thread.id}`) await expect(page.getByTestId("message")).toHaveCount(2);
      const failures = await page.evaluate(contrastFailures);
      expect(failures, `${path} in ${scheme} mode`).toEqual([]);
    }
  });
}
