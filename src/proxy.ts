// Runs before every page and API route (static build files excluded): refuses anonymous
// requests when sign-in is configured, and gives each page its own CSP nonce. API answers
// are JSON, never a document that runs scripts: they skip the nonce and the header copy.
import { NextResponse, type NextRequest } from "next/server";
import { viewerFrom } from "~/server/auth/viewer";
import { contentSecurityPolicy } from "~/server/security/content-security-policy";
import { SECURITY_HEADERS } from "~/server/security/security-headers.mjs";

// Read by name at run time, so one build serves any configuration.
const AUTH_HEADER_VARIABLE = "SPOOL_AUTH_PROXY_HEADER";
const AUTH_SECRET_VARIABLE = "SPOOL_AUTH_PROXY_SECRET";

// Load balancers probe these without signing in; they answer one word (src/server/health/).
const PROBE_PATHS = new Set(["/api/health", "/api/ready"]);

export function proxy(request: NextRequest) {
  if (PROBE_PATHS.has(request.nextUrl.pathname)) return NextResponse.next();
  const viewer = viewerFrom(
    request.headers,
    process.env[AUTH_HEADER_VARIABLE]?.trim().toLowerCase() || undefined,
    process.env[AUTH_SECRET_VARIABLE]?.trim() || undefined,
  );
  if (viewer.kind === "anonymous") return refuse(request, viewer.reason);
  if (isApi(request)) return NextResponse.next();

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

function refuse(request: NextRequest, reason: string) {
  const headers = new Headers({ ...SECURITY_HEADERS, "content-security-policy": "default-src 'none'; frame-ancestors 'none'" });
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
  // `/v1/*` is the Assistants gateway: services reach it with a Spool key, not through the
  // team's sign-in proxy, and its request bodies (file uploads) must stream, not be buffered here.
  matcher: ["/((?!_next/static|_next/image|favicon.svg|v1/).*)"],
};
