import "server-only";

/**
 * What the gateway does with a `/v1/*` request, decided from its method and path alone. The
 * one place this is decided: Spool's HTTP server sends every `pass-through` straight to the
 * upstream (src/server/gateway/pass-through.ts) and everything else to the `/v1` route
 * (handle-gateway-request.ts), which records it.
 */
export type GatewayRoute =
  | { kind: "create-thread" }
  | { kind: "create-and-run" }
  /** `POST`/`DELETE /v1/threads/{id}`: recorded if Spool records the thread, else passed through. */
  | { kind: "change-thread"; threadId: string }
  /** `POST /v1/threads/{id}/messages`: the same. */
  | { kind: "add-message"; threadId: string }
  | { kind: "pass-through" };

const PASS_THROUGH: GatewayRoute = { kind: "pass-through" };

/** `path` is the request's pathname (dot segments resolved, escapes kept), `/v1/…`. */
export function gatewayRouteFor(method: string, path: string): GatewayRoute {
  if (method === "POST" && path === "/v1/threads") return { kind: "create-thread" };
  if (method === "POST" && path === "/v1/threads/runs") return { kind: "create-and-run" };
  if (method === "POST" || method === "DELETE") {
    const single = threadIdIn(/^\/v1\/threads\/([^/]+)$/, path);
    if (single) return { kind: "change-thread", threadId: single };
  }
  if (method === "POST") {
    const messages = threadIdIn(/^\/v1\/threads\/([^/]+)\/messages$/, path);
    if (messages) return { kind: "add-message", threadId: messages };
  }
  return PASS_THROUGH;
}

/** The thread id in `path`, or null (also for a malformed escape, which the upstream then answers). */
function threadIdIn(pattern: RegExp, path: string): string | null {
  const raw = pattern.exec(path)?.[1];
  if (raw === undefined) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
