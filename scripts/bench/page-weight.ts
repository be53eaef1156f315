// The JavaScript a page makes the browser download on its first load: every script
// response (the HTML's own tags and the chunks they pull in) until the network is
// quiet, each gzipped as a server would send it. Measured in Chromium, so it counts
// what a person's browser really fetches, not what a build manifest says it might.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

export type PageWeight = {
  path: string;
  /** The tab opened after the first load; its scripts are counted too. */
  tab?: string;
  /** What the page must stay under, in gzipped bytes. */
  budgetBytes?: number;
  scripts: { url: string; gzipBytes: number }[];
  gzipBytes: number;
};

/**
 * A page to weigh. With `tab`, the tab of that name is clicked once the page is quiet and what
 * it loads on demand (the JSON tab's editor, say) is counted as well: a figure for the page in use.
 */
export type PageToWeigh = { path: string; budgetBytes?: number; tab?: string };

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export async function measurePageWeights(baseURL: string, pages: PageToWeigh[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const weights: PageWeight[] = [];
    for (const { path, budgetBytes, tab } of pages) {
      // A new context per page: nothing cached from the page before.
      const context = await browser.newContext();
      const page = await context.newPage();
      const pending: Promise<{ url: string; gzipBytes: number } | null>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        pending.push(
          response
            .body()
            .then((body) => ({ url: new URL(response.url()).pathname, gzipBytes: gzipSync(body, { level: 9 }).length }))
            .catch(() => null),
        );
      });
      const response = await page.goto(new URL(path, baseURL).toString(), { waitUntil: "networkidle" });
      if (!response?.ok()) throw new Error(`${path} answered ${response?.status() ?? "nothing"}`);
      if (tab) {
        await page.getByRole("tab", { name: tab, exact: true }).click();
        // Highlighted text means the editor and its language have both arrived (or, before
        // CodeMirror, the plain text box or code block).
        await page.getByRole("tabpanel").locator(".cm-line span, textarea, pre code").first().waitFor();
        await page.waitForLoadState("networkidle");
      }
      const scripts = (await Promise.all(pending)).filter((script) => script !== null);
      weights.push({ path, tab, budgetBytes, scripts, gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0) });
      await context.close();
    }
    return weights;
  } finally {
    await browser.close();
  }
}

export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** A Markdown table: one row per page, its total and its budget. */
export function pageWeightReport(weights: PageWeight[]): string {
  return [
    "| Page | Scripts | JavaScript (gzip) | Budget | |",
    "| --- | ---: | ---: | ---: | --- |",
    ...weights.map(
      (weight) =>
        `| ${weight.path}${weight.tab ? ` (${weight.tab} tab open)` : ""} | ${weight.scripts.length} | ${formatKilobytes(weight.gzipBytes)} | ${
          weight.budgetBytes === undefined ? "" : formatKilobytes(weight.budgetBytes)
        } | ${weight.budgetBytes === undefined ? "" : weight.gzipBytes <= weight.budgetBytes ? "✅" : "❌"} |`,
    ),
  ].join("\n");
}
