import "server-only";
import { NON_PAGE_CONTENT_SECURITY_POLICY } from "~/server/security/security-headers.mjs";

/**
 * What a load balancer's probe reads: one word and the status code. Nothing else (no version,
 * host, database or instance detail), since the probe paths answer without sign-in.
 */
export function probeResponse(status: "ok" | "ready" | "unavailable"): Response {
  return Response.json(
    { status },
    {
      status: status === "unavailable" ? 503 : 200,
      headers: { "cache-control": "no-store", "content-security-policy": NON_PAGE_CONTENT_SECURITY_POLICY },
    },
  );
}
