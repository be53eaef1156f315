import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "./same-origin";

const headers = (init: Record<string, string>) => new Headers({ host: "spool.example.com", ...init });

describe("crossSiteProblem", () => {
  it("lets the browser's own pages and non-browser clients through", () => {
    expect(crossSiteProblem(headers({ origin: "https://spool.example.com", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossSiteProblem(headers({}))).toBeNull();
    expect(crossSiteProblem(headers({ origin: "https://spool.example.com" }))).toBeNull();
  });

  it("refuses a request another site's page made", () => {
    expect(crossSiteProblem(headers({ "sec-fetch-site": "cross-site" }))).toMatch(/another site.*cross-site/);
    expect(crossSiteProblem(headers({ "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossSiteProblem(headers({ origin: "https://evil.example" }))).toMatch(/Origin: https:\/\/evil\.example/);
    expect(crossSiteProblem(headers({ origin: "null" }))).toMatch(/unknown origin/);
  });

  it("accepts the host a reverse proxy forwarded", () => {
    const behindProxy = new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "spool.example.com", origin: "https://spool.example.com" });
    expect(crossSiteProblem(behindProxy)).toBeNull();
  });
});
