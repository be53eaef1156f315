// Runs one command to its end, keeping its output; used for every toolchain step of the SDK run.
import { spawn } from "node:child_process";

export type CommandResult = { code: number | null; stdout: string; stderr: string; ms: number };

export class CommandError extends Error {
  constructor(readonly what: string, readonly result: CommandResult) {
    const tail = `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-30).join("\n");
    super(`${what} failed (exit ${result.code}):\n${tail}`);
  }
}

export type CommandOptions = { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number };

/** `file args…`, resolving with its output whatever its exit code; a spawn failure rejects. */
export function runCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    // A hung SDK call or a stuck download must not hold the test run forever.
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20 * 60_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), ms: Date.now() - started });
    });
  });
}

/** As {@link runCommand}, but a non-zero exit rejects with the output's tail. */
export async function mustRun(what: string, file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) throw new CommandError(what, result);
  return result;
}

/** The command's output when it exists and exits 0, otherwise undefined. */
export async function probe(file: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const result = await runCommand(file, args, { env, timeoutMs: 60_000 });
    return result.code === 0 ? `${result.stdout}${result.stderr}`.trim() : undefined;
  } catch {
    return undefined;
  }
}
