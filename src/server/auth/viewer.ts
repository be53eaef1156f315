// Who is asking, from the identity header a trusted sign-in proxy sets. Shared by
// src/proxy.ts (every page and route) and the tRPC context (every procedure). Holds no
// secret and imports nothing server-only, so the proxy bundle can use it.

/** `open`: no sign-in configured (Spool then listens on loopback only). */
export type Viewer = { kind: "open" } | { kind: "signed-in"; id: string } | { kind: "anonymous"; reason: string };

const MAX_ID_LENGTH = 200;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The request header in which the sign-in proxy sends SPOOL_AUTH_PROXY_SECRET. */
export const PROXY_SECRET_HEADER = "x-spool-proxy-secret";

export function viewerFrom(headers: Headers, proxyHeader: string | undefined, proxySecret?: string): Viewer {
  if (!proxyHeader) return { kind: "open" };
  if (proxySecret && !sameSecret(headers.get(PROXY_SECRET_HEADER) ?? "", proxySecret)) {
    // Says no more than that: a guess at the secret learns nothing from the answer.
    return { kind: "anonymous", reason: "Sign in to use Spool: the request did not come through the sign-in proxy." };
  }
  const raw = headers.get(proxyHeader);
  const id = raw?.trim() ?? "";
  if (!id) {
    return { kind: "anonymous", reason: `Sign in to use Spool: the request did not come through the sign-in proxy (no ${proxyHeader} header).` };
  }
  if (id.length > MAX_ID_LENGTH || CONTROL.test(id)) {
    return { kind: "anonymous", reason: `Sign in to use Spool: the ${proxyHeader} header is not a valid user name.` };
  }
  return { kind: "signed-in", id };
}

/** The person to record as `created_by` / actor: null when no sign-in is configured. */
export function actorOf(viewer: Viewer): string | null {
  return viewer.kind === "signed-in" ? viewer.id : null;
}

/** Compares in time that depends only on the lengths, so the secret cannot be found byte by byte. */
function sameSecret(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index++) {
    difference |= (given.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}
