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

describe("the /v1 gateway and sign-in", () => {
  afterEach(() => {
    delete process.env.SPOOL_AUTH_PROXY_HEADER;
  });

  it("routes /v1/* around the sign-in check (a Spool key authenticates it), and nothing else", () => {
    for (const url of ["/v1/threads", "/v1/threads/thread_1/messages", "/v1/files"]) {
      expect({ url, guarded: unstable_doesMiddlewareMatch({ config, url }) }).toEqual({ url, guarded: false });
    }
    for (const url of ["/", "/threads", "/settings/api-keys", "/api/trpc/threads.list", "/v1", "/v10/threads", "/api/v1/threads", "/V1/threads"]) {
      expect({ url, guarded: unstable_doesMiddlewareMatch({ config, url }) }).toEqual({ url, guarded: true });
    }
  });

  it("a Spool key opens no page and no tRPC procedure", async () => {
    process.env.SPOOL_AUTH_PROXY_HEADER = "x-forwarded-user";
    for (const path of ["/threads", "/settings/api-keys", "/api/trpc/apiKeys.list"]) {
      const response = proxy(requestTo(path, { authorization: "Bearer spool_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" }));
      expect(response.status).toBe(401);
    }
  });
});
