// The Content-Security-Policy every page is served with. Scripts and styles run only
// when they carry this response's nonce (Next.js adds it to its own tags, reading it
// from the request's policy); images may come from any http(s) URL because messages
// preview user-supplied image URLs.
// @see https://nextjs.org/docs/app/guides/content-security-policy

export function contentSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    // React in development evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // The development overlay injects styles without a nonce.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' http: https:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
