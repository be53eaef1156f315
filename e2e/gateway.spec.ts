import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { nonce } from "./support/emulator";
import { APP_PORT } from "./support/ports";

const SHOTS = process.env.SPOOL_SCREENSHOT_DIR;

test("a key made on Settings → API keys lets an unchanged SDK record threads under its name, until it is revoked", async ({ page }) => {
  const name = `svc-${nonce()}`;
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await page.getByLabel("New key for a service").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^spool_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-key").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("Last used never");
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/api-keys-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/api-keys-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // The service's code: only the base URL and the key differ from calling the upstream.
  const client = new OpenAI({ baseURL: `http://127.0.0.1:${APP_PORT}/v1`, apiKey: secret });
  const tag = nonce();
  const thread = await client.beta.threads.create({ messages: [{ role: "user", content: `From a service ${tag}` }], metadata: { tag } });
  expect(await client.beta.threads.retrieve(thread.id)).toEqual(thread);

  await page.goto(`/threads?by=${encodeURIComponent(name)}`);
  // The row: its title is the first message, and it names the key as the creator (the filter
  // chip above the list says "By …" too, so the row is found by its title).
  const threadRow = page.getByRole("link", { name: new RegExp(`^From a service ${tag}`) });
  await expect(threadRow).toBeVisible();
  await expect(threadRow).toContainText(`by ${name}`);

  // Once shown, the key is never shown again; the page now knows it was used.
  await page.goto("/settings/api-keys");
  await expect(page.getByTestId("new-key")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);
  await expect(row).not.toContainText("Last used never");

  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(client.beta.threads.retrieve(thread.id)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
});
