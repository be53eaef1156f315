// Runs before every request but Next.js's build files (`/_next/static/…`, which are never a
// page): refuses anonymous requests when sign-in is configured, gives each page its own CSP
// nonce, and sends trailing-slash redirects itself so they carry the security headers too.
import { NextResponse, type NextRequest } from "next/server";
import { viewerFrom } from "~/server/auth/viewer";
import { contentSecurityPolicy } from "~/server/security/content-security-policy";
import { NON_PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "~/server/security/security-headers.mjs";

// Read by name at run time, so one build serves any configuration.
const AUTH_HEADER_VARIABLE = "SPOOL_AUTH_PROXY_HEADER";
const AUTH_SECRET_VARIABLE = "SPOOL_AUTH_PROXY_SECRET";

/** Files in public/ anyone may fetch, by exact path: `/favicon.svgx` is not one of them. */
const PUBLIC_FILES = new Set(["/favicon.svg"]);
// Load balancers probe these without signing in; they answer one word (src/server/health/).
const PROBE_PATHS = new Set(["/api/health", "/api/ready"]);

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC_FILES.has(pathname) || PROBE_PATHS.has(pathname)) return withSecurityHeaders(NextResponse.next());
  const viewer = viewerFrom(
    request.headers,
    process.env[AUTH_HEADER_VARIABLE]?.trim().toLowerCase() || undefined,
    process.env[AUTH_SECRET_VARIABLE]?.trim() || undefined,
  );
  if (viewer.kind === "anonymous") return refuse(request, viewer.reason);
  // next.config.mjs turns Next.js's own redirect off (it would go out without these headers).
  if (pathname.length > 1 && pathname.endsWith("/")) {
    // One leading slash only: `//evil.example/` must not become a redirect to another site.
    // Next.js sends a same-origin Location relative, as its own redirect does.
    const location = new URL(`/${pathname.replace(/^\/+|\/+$/g, "")}${request.nextUrl.search}`, request.nextUrl.origin);
    return withSecurityHeaders(NextResponse.redirect(location, 308));
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's policy and puts it on its own script tags.
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

function withSecurityHeaders(response: NextResponse): NextResponse {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (!response.headers.has("content-security-policy")) {
    response.headers.set("content-security-policy", NON_PAGE_CONTENT_SECURITY_POLICY);
  }
  return response;
}

function refuse(request: NextRequest, reason: string) {
  const headers = new Headers({ ...SECURITY_HEADERS, "content-security-policy": NON_PAGE_CONTENT_SECURITY_POLICY });
  if (isApi(request)) {
    return NextResponse.json({ error: { code: "UNAUTHORIZED", message: reason } }, { status: 401, headers });
  }
  headers.set("content-type", "text/html; charset=utf-8");
  const page =
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in required · Spool</title>` +
    `<h1>Sign-in required</h1><p>${escapeHtml(reason)}</p></html>`;
  return new NextResponse(page, { status: 401, headers });
}

function isApi(request: NextRequest) {
  return request.nextUrl.pathname.startsWith("/api/");
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export const config = {
  // Not for:
  // - `/_next/static/` itself (a missing file there is a bare 404, never a page);
  // - `/v1/*`, the Assistants gateway: services reach it with a Spool key, not through the
  //   team's sign-in proxy, and its request bodies (file uploads) must stream, not be buffered here;
  // - `/api/trpc/*`: every procedure checks sign-in itself from the same headers (the
  //   `guarded` middleware over the context's viewer, src/server/trpc.ts), its answers take
  //   their headers from next.config.mjs, and nothing page-only (a CSP nonce) applies. Passing
  //   the proxy would buffer each request body and add a hop to the path every create takes.
  matcher: ["/((?!_next/static/|v1/|api/trpc/).*)"],
};
