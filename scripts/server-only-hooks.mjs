// Module resolution hooks for Spool's HTTP server process (registered by
// register-server-only.mjs): `server-only` resolves as it does in Next.js's server bundle,
// under the `react-server` condition, to its empty module. The gateway's pass-through
// (src/server/gateway/pass-through.ts) runs in this process before Next.js, and its server
// modules say `import "server-only"`, which throws anywhere else. Only that one specifier:
// the condition for everything (`--conditions=react-server`) would give Next.js React's
// server build where it needs the full one.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}
