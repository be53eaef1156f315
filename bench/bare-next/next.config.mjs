// Target (c) of `npm run bench:create` (scripts/bench-create.ts): a bare Next.js app with one
// route handler, built and started in production mode with the project's own node_modules.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // node_modules live two folders up; Turbopack and output tracing must see them.
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
