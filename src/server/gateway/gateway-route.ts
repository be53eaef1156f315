// No `server-only` here: this is the routing decision alone (no keys, no database), and
// Spool's node:http server (scripts/next-server.ts) reads it too, outside Next.js.

/**
 * Which `/v1/*` requests Spool records, and how; everything else passes through unrecorded.
 * The one place this is decided, for the gateway's route and for any server in front of it.
 */
export type GatewayRoute =
  | { handler: "create-thread" }
  | { handler: "create-and-run" }
  | { handler: "change-thread"; threadId: string }
  | { handler: "add-message"; threadId: string }
  | { handler: "pass-through" };

const SINGLE_THREAD = /^\/v1\/threads\/([^/]+)$/;
const THREAD_MESSAGES = /^\/v1\/threads\/([^/]+)\/messages$/;

/** `method` as HTTP has it (upper case), `path` the URL's pathname as it arrived (still escaped). */
export function gatewayRouteFor(method: string, path: string): GatewayRoute {
  if (method === "POST" && path === "/v1/threads") return { handler: "create-thread" };
  if (method === "POST" && path === "/v1/threads/runs") return { handler: "create-and-run" };
  const single = threadIdIn(SINGLE_THREAD, path);
  if (single && (method === "POST" || method === "DELETE")) return { handler: "change-thread", threadId: single };
  const messages = threadIdIn(THREAD_MESSAGES, path);
  if (messages && method === "POST") return { handler: "add-message", threadId: messages };
  return { handler: "pass-through" };
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
