// The proxy guards every page and API route before Next.js renders anything.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "./proxy";

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
    for (const path of ["/threads", "/api/trpc/threads.list"]) {
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
    for (const path of ["/api/healthz", "/api/health/x", "/api/ready.json", "/api/readyz", "/api/trpc/threads.list"]) {
      expect(proxy(requestTo(path, {})).status, path).toBe(401);
    }
  });
});
