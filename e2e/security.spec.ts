import { expect, test, type Page } from "@playwright/test";
import { addMessage, addMetadata, expectOnThreadPage } from "./support/composer";
import { ledgerBodies, nonce } from "./support/emulator";
import { PNG } from "./support/images";
import { EMULATOR_URL } from "./support/ports";

/** Collects every CSP violation the page reports, from the first byte on. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("pages carry a nonce CSP, frame-ancestors 'none', a referrer policy and nosniff", async ({ request }) => {
  for (const path of ["/threads", "/threads/new", "/attempts"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    const nonceValue = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!;
    // Next.js put the same nonce on its own scripts.
    expect(await response.text()).toContain(`nonce="${nonceValue}"`);
  }
});

test("every response carries the security headers: near-misses of static files, 404s and trailing-slash redirects", async ({ request }) => {
  for (const path of ["/favicon.svgx", "/favicon.svg.html", "/_next/staticx"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-security-policy"], path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  const redirect = await request.get("/threads/?order=oldest", { maxRedirects: 0 });
  expect(redirect.status()).toBe(308);
  expect(redirect.headers()["location"]).toBe("/threads?order=oldest");
  expect(redirect.headers()["referrer-policy"]).toBe("no-referrer");
  expect(redirect.headers()["x-frame-options"]).toBe("DENY");
  expect(redirect.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const favicon = await request.get("/favicon.svg");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["x-content-type-options"]).toBe("nosniff");
});

test("the production build runs under its CSP with no violations, and injected script is blocked", async ({ page }) => {
  const violations = await watchViolations(page);
  const tag = nonce();
  await page.goto("/threads");
  await page.getByRole("link", { name: "New thread" }).first().click();
  await addMessage(page, 0, "user", `CSP check ${tag}`);
  await page.getByRole("button", { name: "Create thread" }).click();
  await expectOnThreadPage(page);
  await page.goto("/attempts");
  expect(violations).toEqual([]);

  // What an XSS would try: markup with an inline handler, which only a nonce-less policy would run.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">');
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("text a user typed is shown as text, never run as HTML", async ({ page }) => {
  const tag = nonce();
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> ${tag}`;
  await page.goto("/threads/new");
  await addMessage(page, 0, "user", payload);
  await addMetadata(page, [["note", `<b onmouseover="window.__xss=3">${tag}</b>`]]);
  await page.getByRole("button", { name: "Create thread" }).click();
  await expectOnThreadPage(page);
  await expect(page.getByTestId("message").nth(0)).toContainText(payload);
  await expect(page.getByTestId("metadata")).toContainText(`<b onmouseover="window.__xss=3">${tag}</b>`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("main img[src='x']").count()).toBe(0);
});

test("image URLs: only http(s) may become an <img>, always without a referrer", async ({ page, request }) => {
  const tag = nonce();
  const response = await request.post("/api/trpc/threads.create", {
    data: {
      idempotencyKey: crypto.randomUUID(),
      request: {
        metadata: { run: tag },
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: `images ${tag}` },
              { type: "image_url", image_url: { url: "https://images.example.com/cat.png" } },
              { type: "image_url", image_url: { url: "javascript:alert(document.domain)" } },
              { type: "image_url", image_url: { url: "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" } },
            ],
          },
        ],
      },
    },
  });
  expect(response.status()).toBe(200);
  const id = ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  // The https image loads (served here), so it stays on the page rather than being hidden as broken.
  await page.route("https://images.example.com/**", (route) => route.fulfill({ status: 200, contentType: "image/png", body: PNG }));
  await page.goto(`/threads/${id}`);
  const message = page.getByTestId("message").nth(0);
  await expect(message).toContainText("javascript:alert(document.domain)");
  await expect(message.locator("img")).toHaveCount(1);
  // Read every <img> at once: each must point at http(s) and send no referrer.
  const images = await message
    .locator("img")
    .evaluateAll((found) => found.map((image) => ({ src: image.getAttribute("src"), referrer: image.getAttribute("referrerpolicy") })));
  expect(images).toEqual([{ src: "https://images.example.com/cat.png", referrer: "no-referrer" }]);
});

test("a change requested from another site's page is refused and nothing is created", async ({ page, request }) => {
  const tag = nonce();
  // The emulator's origin stands in for another site: a different origin the browser knows.
  await page.goto(`${EMULATOR_URL}/__emulator/health`);
  const statuses = await page.evaluate(
    async ({ target, tag }) => {
      const body = JSON.stringify({ idempotencyKey: crypto.randomUUID(), request: { metadata: { run: tag } } });
      // A "simple" request: no preflight, so the browser sends it.
      const simple = await fetch(`${target}/api/trpc/threads.create`, { method: "POST", body, mode: "no-cors", headers: { "content-type": "text/plain" } })
        .then((response) => response.type)
        .catch(() => "blocked");
      // JSON needs a preflight Spool never answers, so the browser refuses to send it.
      const json = await fetch(`${target}/api/trpc/threads.create`, { method: "POST", body, headers: { "content-type": "application/json" } })
        .then((response) => String(response.status))
        .catch(() => "blocked");
      return { simple, json };
    },
    { target: new URL(page.url()).origin.replace(/:\d+$/, `:${new URL(test.info().project.use.baseURL!).port}`), tag },
  );
  expect(statuses.json).toBe("blocked");
  expect((await ledgerBodies(request)).some((body) => body.includes(tag))).toBe(false);

  // Sent by a client that claims the other site as its origin: refused with a sentence.
  const forged = await request.post("/api/trpc/threads.create", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: { idempotencyKey: crypto.randomUUID(), request: { metadata: { run: tag } } },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain("another site");
  expect((await ledgerBodies(request)).some((body) => body.includes(tag))).toBe(false);
});
