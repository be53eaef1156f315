import "server-only";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { PassThrough } from "~/server/gateway/pass-through";
import { serveFetchHandler, type FetchHandler, type ServeOptions } from "~/server/http/fetch-bridge";
import { stampPeerAddress } from "~/server/security/client-address";
import { NON_PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "~/server/security/security-headers.mjs";

/**
 * The API Spool's HTTP server serves itself, before Next.js: the tRPC endpoint
 * (src/server/http/trpc-endpoint.ts) and the recorded `/v1` routes (handle-gateway-request.ts).
 * Next.js's request handling costs several milliseconds a request (a bare route handler
 * measured 10.5 ms p50 against 1.8 ms for a bare Node forwarder, docs/BENCHMARKS.md), more
 * than the database and the upstream together; pages need it, an API does not.
 */
export type ApiHandlers = { trpc: FetchHandler; gateway: FetchHandler };

// tRPC's procedures act on no signal, and a create or an import whose caller leaves should
// finish and be recorded all the same; the gateway cuts its upstream request when its caller leaves.
const TRPC_ROUTE: ServeOptions = { headers: { ...SECURITY_HEADERS, "content-security-policy": NON_PAGE_CONTENT_SECURITY_POLICY }, abortOnLeave: false };
const GATEWAY_ROUTE: ServeOptions = { headers: SECURITY_HEADERS, abortOnLeave: true };
// One procedure (or a batch's comma-separated list) after `/api/trpc/`, as the Next.js route `[trpc]` matches.
const TRPC_PATH = /^\/api\/trpc\/[^/]+$/;

/**
 * What Spool's HTTP server (scripts/next-server.ts) does with each request: the gateway's
 * pass-through first; then, with `api` (production), the tRPC API and the recorded `/v1`;
 * everything else goes to Next.js, told the socket's peer. In development `api` is null and
 * Next.js serves those routes itself (src/app/api/trpc, src/app/v1), reloading them on edit.
 */
export function spoolRequestListener(
  routes: { passThrough: PassThrough; api: ApiHandlers | null },
  next: (request: IncomingMessage, response: ServerResponse) => void,
): RequestListener {
  const { passThrough, api } = routes;
  return (request, response) => {
    if (passThrough.take(request, response)) return;
    stampPeerAddress(request);
    const served = api && apiRouteFor(request, api);
    if (served) void serveFetchHandler(served.handler, request, response, served.options);
    else next(request, response);
  };
}

function apiRouteFor(request: IncomingMessage, api: ApiHandlers): { handler: FetchHandler; options: ServeOptions } | null {
  const raw = request.url ?? "";
  const trpc = raw.startsWith("/api/trpc/");
  if (!trpc && !raw.startsWith("/v1/")) return null;
  // Dot segments resolved as Next.js resolves them: `/v1/../api/…` is neither.
  const { pathname } = new URL(raw, "http://spool.invalid");
  if (trpc) return TRPC_PATH.test(pathname) && (request.method === "GET" || request.method === "POST") ? { handler: api.trpc, options: TRPC_ROUTE } : null;
  // The pass-through took every `/v1` request it serves; the rest are the recorded routes.
  return pathname.startsWith("/v1/") ? { handler: api.gateway, options: GATEWAY_ROUTE } : null;
}
