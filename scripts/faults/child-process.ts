// Starts a TypeScript entry point (through tsx) in its own process group, keeping every
// line it prints: the group can be SIGKILLed as a whole, as a crash would take it down.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export type TsChild = {
  process: ChildProcess;
  exited: Promise<number | null>;
  /** Sends `signal` to the whole group (tsx, node, and anything they started). */
  kill(signal: NodeJS.Signals): void;
};

const TSX_CLI = path.resolve("node_modules/tsx/dist/cli.mjs");

export function startTsChild(options: {
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
  /** Told the new process group's id, so a later run can end it if this one is killed. */
  onStart?: (pid: number | undefined) => void;
}): TsChild {
  return startNodeChild({ ...options, args: [TSX_CLI, options.script, ...(options.args ?? [])] });
}

/** Like `startTsChild`, for a plain Node entry point (e.g. Next.js's own CLI). */
export function startNodeChild(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
  onStart?: (pid: number | undefined) => void;
}): TsChild {
  const child = spawn(process.execPath, options.args, {
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  options.onStart?.(child.pid);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", options.onLine);
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    process: child,
    exited,
    kill(signal) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    },
  };
}

/** Polls `probe` until it resolves true, or fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} was not ready after ${timeoutMs / 1000}s`);
}
