// Cross-site request forgery: a page on another site can make the browser POST to Spool.
// Browsers say where a request came from (Sec-Fetch-Site, Origin) and a page cannot
// forge either, so a mutation is refused when they name another site.
// @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Sec-Fetch-Site

/** Why this request must be refused as cross-site, or null. Non-browser clients send neither header. */
export function crossSiteProblem(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    return `Spool refused a change requested from another site (Sec-Fetch-Site: ${site}).`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "Spool refused a change requested from an unknown origin (Origin: null).";
  }
  // Behind a proxy the browser's host arrives as X-Forwarded-Host; a page cannot set either.
  const forwarded = (headers.get("x-forwarded-host") ?? "").split(",").map((host) => host.trim());
  const hosts = [...forwarded, headers.get("host")].filter(Boolean);
  if (hosts.includes(originHost)) return null;
  return `Spool refused a change requested from another site (Origin: ${origin}).`;
}
