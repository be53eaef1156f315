// The proxy guards every page and API route before Next.js renders anything.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

const SECRET = "f".repeat(40);

function requestTo(path: string, headers: Record<string, string>) {
  return new NextRequest(new URL(path, "http://spool.internal"), { headers });
}

describe("proxy with sign-in and a proxy secret", () => {
  afterEach(() => {
    delete process.env.SPOOL_AUTH_PROXY_HEADER;
    delete process.env.SPOOL_AUTH_PROXY_SECRET;
  });

  it("refuses pages and API routes to a forged identity header, and lets the proxy's requests through", async () => {
    Object.assign(process.env, { SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user", SPOOL_AUTH_PROXY_SECRET: SECRET });
    for (const path of ["/threads", "/api/ready.json"]) {
      const forged = proxy(requestTo(path, { "x-forwarded-user": "mallory" }));
      expect(forged.status).toBe(401);
      expect(await forged.text()).toMatch(/did not come through the sign-in proxy/);

      const passed = proxy(requestTo(path, { "x-forwarded-user": "grace", "x-spool-proxy-secret": SECRET }));
      expect(passed.status).toBe(200);
      expect(passed.headers.get("x-middleware-next")).toBe("1");
    }
  });
});

describe("load balancer probes with sign-in on", () => {
  afterEach(() => {
    delete process.env.SPOOL_AUTH_PROXY_HEADER;
    delete process.env.SPOOL_AUTH_PROXY_SECRET;
  });

  it("lets exactly /api/health and /api/ready through without identity, and nothing that merely starts like them", async () => {
    Object.assign(process.env, { SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user", SPOOL_AUTH_PROXY_SECRET: SECRET });
    for (const path of ["/api/health", "/api/ready", "/api/ready?verbose=1"]) {
      const response = proxy(requestTo(path, {}));
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
    }
    for (const path of ["/api/healthz", "/api/health/x", "/api/ready.json", "/api/readyz", "/api/trpc", "/api/other"]) {
      expect(proxy(requestTo(path, {})).status, path).toBe(401);
    }
  });
});

describe("the /v1 gateway and sign-in", () => {
  afterEach(() => {
    delete process.env.SPOOL_AUTH_PROXY_HEADER;
  });

  it("routes /v1/* around the sign-in check (a Spool key authenticates it), and nothing else", () => {
    for (const url of ["/v1/threads", "/v1/threads/thread_1/messages", "/v1/files"]) {
      expect({ url, guarded: unstable_doesMiddlewareMatch({ config, url }) }).toEqual({ url, guarded: false });
    }
    for (const url of ["/", "/threads", "/settings/api-keys", "/v1", "/v10/threads", "/api/v1/threads", "/V1/threads"]) {
      expect({ url, guarded: unstable_doesMiddlewareMatch({ config, url }) }).toEqual({ url, guarded: true });
    }
  });

  it("a Spool key opens no page and no tRPC procedure", async () => {
    process.env.SPOOL_AUTH_PROXY_HEADER = "x-forwarded-user";
    for (const path of ["/threads", "/settings/api-keys"]) {
      const response = proxy(requestTo(path, { authorization: "Bearer spool_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" }));
      expect(response.status).toBe(401);
    }
  });
});

describe("what the proxy covers", () => {
  afterEach(() => {
    delete process.env.SPOOL_AUTH_PROXY_HEADER;
  });

  const runsFor = (path: string) => unstable_doesMiddlewareMatch({ config, url: path });

  it("runs for every path but Next.js's build files, so a near-miss of a static file is not let through", () => {
    for (const path of ["/", "/threads", "/favicon.svg", "/favicon.svgx", "/favicon.svg.html", "/_next/staticx", "/_next/image", "/api/trpcx", "/api/trpc", "/threads/"]) {
      expect(runsFor(path), path).toBe(true);
    }
    expect(runsFor("/_next/static/chunks/main.js")).toBe(false);
    // The tRPC API checks sign-in in every procedure (route.guards.test.ts proves it, forged
    // identities included), so the proxy stays off the path every create takes.
    expect(runsFor("/api/trpc/threads.create")).toBe(false);
  });

  it("refuses near-misses of public files without sign-in, and serves the exact file with the security headers", async () => {
    Object.assign(process.env, { SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user" });
    for (const path of ["/favicon.svgx", "/favicon.svg.html", "/_next/staticx", "/_next/image"]) {
      const refused = proxy(requestTo(path, {}));
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    const favicon = proxy(requestTo("/favicon.svg", {}));
    expect(favicon.headers.get("x-middleware-next")).toBe("1");
    expect(favicon.headers.get("x-content-type-options")).toBe("nosniff");
    expect(favicon.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("redirects a trailing slash itself (308), with the security headers, after checking sign-in", async () => {
    Object.assign(process.env, { SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user" });
    expect(proxy(requestTo("/threads/", {})).status).toBe(401);
    const redirect = proxy(requestTo("/threads/?q=refund", { "x-forwarded-user": "grace" }));
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("http://spool.internal/threads?q=refund");
    // Never to another site.
    expect(proxy(new NextRequest("http://spool.internal//evil.example/", { headers: { "x-forwarded-user": "grace" } })).headers.get("location")).toBe("http://spool.internal/evil.example");
    expect(redirect.headers.get("referrer-policy")).toBe("no-referrer");
    expect(redirect.headers.get("x-frame-options")).toBe("DENY");
    expect(redirect.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
