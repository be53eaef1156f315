// Production builds the create bench needs: Spool's `.next` and the bare Next.js app's. A build
// older than the sources it came from is rebuilt, so a bench never measures yesterday's code.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export type Build = {
  name: string;
  /** The file `next build` writes last; its age is the build's age. */
  marker: string;
  /** Files and folders whose changes make the build stale. */
  sources: string[];
  /** `next build` arguments after `build` (e.g. the app's folder). */
  args: string[];
  env: NodeJS.ProcessEnv;
};

const NEXT_CLI = path.resolve("node_modules/next/dist/bin/next");

/** Spool's own production build (what `npm run build` makes), as `npm start` serves it. */
export const SPOOL_BUILD: Build = {
  name: "Spool",
  marker: path.resolve(".next/BUILD_ID"),
  sources: ["src", "public", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "package-lock.json"].map((file) => path.resolve(file)),
  args: [],
  env: process.env,
};

/** Builds `build` when it is missing or older than its sources. */
export async function ensureBuilt(build: Build, say: (line: string) => void): Promise<void> {
  const stale = staleness(build);
  if (stale === null) return;
  say(`${build.name}: ${stale}; building`);
  await runBuild(build, say);
}

/** Why `build` must run now, or null when its output is newer than every source. */
export function staleness(build: Build): string | null {
  if (!existsSync(build.marker)) return `no build (${build.marker} missing)`;
  const builtAt = statSync(build.marker).mtimeMs;
  const newer = build.sources.find((source) => newestChange(source) > builtAt);
  return newer ? `${newer} changed since the last build` : null;
}

function newestChange(file: string): number {
  if (!existsSync(file)) return 0;
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(file)) {
    if (entry === "node_modules" || entry === ".next" || entry === "generated") continue;
    newest = Math.max(newest, newestChange(path.join(file, entry)));
  }
  return newest;
}

/** Runs `next build`, its output kept and shown only if it fails. */
export async function runBuild(build: Build, say: (line: string) => void): Promise<void> {
  const started = Date.now();
  const child = spawn(process.execPath, [NEXT_CLI, "build", ...build.args], {
    env: { ...build.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`${build.name}: next build failed (exit ${code})\n${log}`);
  say(`${build.name} built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
