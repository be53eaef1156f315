// Sent with every response: next.config.mjs adds them to all routes, src/proxy.ts to the
// answers it makes itself. Plain JavaScript so next.config.mjs can import it; the
// per-request Content-Security-Policy is content-security-policy.ts.

/** @type {Readonly<Record<string, string>>} */
export const SECURITY_HEADERS = Object.freeze({
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
});

/**
 * The Content-Security-Policy of every answer that is not a page (API JSON, refusals,
 * public files, probes): nothing in it may load or frame anything.
 */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
