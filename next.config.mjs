import { NON_PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./src/server/security/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // src/proxy.ts redirects `/threads/` to `/threads` itself, with the security headers.
  skipTrailingSlashRedirect: true,
  // Node-only packages: loaded by Node at run time, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "rate-limiter-flexible", "undici"],
  turbopack: { root: import.meta.dirname },
  experimental: {
    // The proxy buffers request bodies up to this; above MAX_REQUEST_BODY_BYTES (1 MiB,
    // src/server/security/request-body-guard.ts) so the route's clear 413 is what a client
    // meets, never a silently truncated body.
    proxyClientMaxBodySize: "2mb",
  },
  async headers() {
    // src/proxy.ts adds the per-request Content-Security-Policy to pages; the tRPC API,
    // which the proxy does not see, gets the non-page one here.
    return [
      { source: "/:path*", headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      { source: "/api/trpc/:path*", headers: [{ key: "content-security-policy", value: NON_PAGE_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
