// Runs one command to its end, keeping its output and the CPU time it took; used for every
// toolchain step of the SDK run.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { addCommandCpu } from "./phase-times";

export type CommandResult = {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** CPU (user + system) of the command and everything it waited for; undefined without bash. */
  cpuMs: number | undefined;
};

export class CommandError extends Error {
  constructor(readonly what: string, readonly result: CommandResult) {
    const tail = `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-30).join("\n");
    super(`${what} failed (exit ${result.code}):\n${tail}`);
  }
}

export type CommandOptions = { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number };

// Node does not report a child's CPU time; bash's `times` does (getrusage of its waited-for
// children: go's compilers and linker, Maven's JVM, pip's subprocesses), on fd 3.
const BASH = ["/bin/bash", "/usr/bin/bash"].find((file) => existsSync(file));
const REPORT_CPU = '"$@"; code=$?; times >&3; exit $code';

/** Process groups still running: ended on exit, so Ctrl-C or a failure leaves no compiler behind. */
const running = new Set<number>();
process.once("exit", () => {
  for (const group of running) killGroup(group);
});

function killGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** The children's user + system seconds from bash's `times` (its second line), in ms. */
function childrenCpuMs(report: string): number | undefined {
  const seconds = [...report.matchAll(/(\d+)m(\d+)[.,](\d+)s/g)].map(([, minutes, whole, fraction]) => Number(minutes) * 60 + Number(`${whole}.${fraction}`));
  return seconds.length === 4 ? Math.round((seconds[2]! + seconds[3]!) * 1000) : undefined;
}

/** `file args…`, resolving with its output whatever its exit code (127: not found). */
export function runCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const [command, commandArgs] = BASH ? [BASH, ["-c", REPORT_CPU, "bash", file, ...args]] : [file, args];
    // Its own process group, so a timeout ends the whole tree, not only bash.
    const child = spawn(command, commandArgs, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ["ignore", "pipe", "pipe", "pipe"] });
    if (child.pid !== undefined) running.add(child.pid);
    const output: Record<"stdout" | "stderr" | "cpu", Buffer[]> = { stdout: [], stderr: [], cpu: [] };
    child.stdout!.on("data", (chunk: Buffer) => output.stdout.push(chunk));
    child.stderr!.on("data", (chunk: Buffer) => output.stderr.push(chunk));
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on("data", (chunk: Buffer) => output.cpu.push(chunk));
    // A hung SDK call or a stuck download must not hold the test run forever.
    const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid), options.timeoutMs ?? 20 * 60_000);
    const done = () => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
    };
    child.on("error", (error) => {
      done();
      reject(error);
    });
    child.on("close", (code) => {
      done();
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
      const cpuMs = childrenCpuMs(text(output.cpu));
      addCommandCpu(cpuMs);
      resolve({ code, stdout: text(output.stdout), stderr: text(output.stderr), ms: Date.now() - started, cpuMs });
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
