// Who is asking, from the identity header a trusted sign-in proxy sets. Shared by
// src/proxy.ts (every page and route) and the tRPC context (every procedure). Holds no
// secret and imports nothing server-only, so the proxy bundle can use it.

/** `open`: no sign-in configured (Spool then listens on loopback only). */
export type Viewer = { kind: "open" } | { kind: "signed-in"; id: string } | { kind: "anonymous"; reason: string };

const MAX_ID_LENGTH = 200;
const CONTROL = /[\u0000-\u001f\u007f]/;

export function viewerFrom(headers: Headers, proxyHeader: string | undefined): Viewer {
  if (!proxyHeader) return { kind: "open" };
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
