// `npm test`'s build: the production build, made with a known fake API key in the
// environment, then searched for that key. A key inlined into a client chunk, a
// prerendered page or any other build output fails the test run here.
import { spawn } from "node:child_process";
import path from "node:path";
import { canaryFormsIn, KEY_CANARY } from "./key-leak/key-canary";
import { scanFilesForCanary } from "./key-leak/scan-files";

async function build(): Promise<string> {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    OPENAI_API_KEY: KEY_CANARY,
    // Never called during a build; set because a key without a base URL is refused.
    OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
  };
  const child = spawn("npx", ["--no-install", "next", "build"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      process.stdout.write(chunk);
    });
  }
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  return log;
}

async function main() {
  const log = await build();
  const outDir = path.resolve(".next");
  const scan = scanFilesForCanary(outDir);
  const inLog = canaryFormsIn(log);
  if (scan.leaks.length || inLog.length) {
    for (const leak of scan.leaks) console.error(`[key-leak] API key found in .next/${leak.file}`);
    if (inLog.length) console.error("[key-leak] API key found in the build log");
    process.exit(1);
  }
  const megabytes = (scan.bytes / 1024 / 1024).toFixed(1);
  console.log(`[key-leak] built with a fake API key: not found in ${scan.files} files (${megabytes} MB) of .next, nor in the build log`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
