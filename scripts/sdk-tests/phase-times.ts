// What each phase of the SDK run took: its wall time, and the CPU time of the commands it ran
// (command.ts reports each one's), so that a cold run on a loaded machine can be read as what it
// would take on a quiet one. Printed as one table at the end of `npm run test:sdks`.
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import os from "node:os";

export type PhaseTime = { wallMs: number; cpuMs: number | undefined };

/** The phase the running code belongs to (phases of different languages run at the same time). */
const currentPhase = new AsyncLocalStorage<PhaseTime>();

/** Adds a finished command's CPU time to the phase that ran it. */
export function addCommandCpu(cpuMs: number | undefined): void {
  const phase = currentPhase.getStore();
  if (phase !== undefined && cpuMs !== undefined) phase.cpuMs = (phase.cpuMs ?? 0) + cpuMs;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

function minutes(ms: number): string {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

/**
 * CPU time of this process and of every child it has waited for (Linux's /proc/self/stat
 * cutime and cstime, in clock ticks of 1/100 s); undefined where there is no /proc.
 */
function processTreeCpuMs(): number | undefined {
  const own = process.cpuUsage();
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    const childTicks = Number(fields[13]) + Number(fields[14]);
    return (own.user + own.system) / 1000 + childTicks * 10;
  } catch {
    return undefined;
  }
}

export class PhaseTimes {
  private readonly startedAt = Date.now();
  private readonly loadAtStart = os.loadavg()[0]!;
  private readonly times = new Map<string, Map<string, PhaseTime>>();

  /** Runs `work` as phase `phase` of `column` (a language, or "shared"), timing it even when it fails. */
  async time<T>(column: string, phase: string, work: () => Promise<T>): Promise<T> {
    const time: PhaseTime = { wallMs: 0, cpuMs: undefined };
    if (!this.times.has(phase)) this.times.set(phase, new Map());
    this.times.get(phase)!.set(column, time);
    const begin = Date.now();
    try {
      return await currentPhase.run(time, work);
    } finally {
      time.wallMs = Date.now() - begin;
    }
  }

  get(column: string, phase: string): PhaseTime | undefined {
    return this.times.get(phase)?.get(column);
  }

  /** The table: one row per phase, one column per language, then the whole run's line. */
  table(columns: readonly string[]): string[] {
    const cell = (time: PhaseTime | undefined) =>
      time === undefined ? "" : `${seconds(time.wallMs)}${time.cpuMs === undefined ? "" : ` / ${seconds(time.cpuMs)}`}`;
    const rows: string[][] = [["phase (wall / CPU)", ...columns]];
    for (const [phase, byColumn] of this.times) {
      if (columns.some((column) => byColumn.has(column))) rows.push([phase, ...columns.map((column) => cell(byColumn.get(column)))]);
    }
    const totals = columns.map((column) => {
      const phases = [...this.times.values()].map((byColumn) => byColumn.get(column)).filter((time) => time !== undefined);
      const cpu = phases.map((time) => time.cpuMs).filter((ms) => ms !== undefined);
      return cell({ wallMs: phases.reduce((sum, time) => sum + time.wallMs, 0), cpuMs: cpu.length ? cpu.reduce((sum, ms) => sum + ms, 0) : undefined });
    });
    rows.push(["in all (one after another)", ...totals]);
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    const lines = rows.map((row) => `  ${row.map((text, i) => text.padEnd(widths[i]!)).join("  ").trimEnd()}`);
    const cpu = processTreeCpuMs();
    const load = (value: number) => value.toFixed(1);
    lines.push(
      `  the run: ${minutes(Date.now() - this.startedAt)} wall (${seconds(Date.now() - this.startedAt)})` +
        `${cpu === undefined ? "" : `, ${seconds(cpu)} CPU (this process and every process it started)`}` +
        `; ${os.availableParallelism()} cores, load average ${load(this.loadAtStart)} at the start, ${load(os.loadavg()[0]!)} at the end`,
    );
    return lines;
  }

  /** `column`'s phases on one line (the run's shared parts, which have no language). */
  line(column: string): string {
    const parts = [...this.times].flatMap(([phase, byColumn]) => {
      const time = byColumn.get(column);
      return time === undefined ? [] : [`${phase} ${seconds(time.wallMs)}${time.cpuMs === undefined ? "" : ` / ${seconds(time.cpuMs)}`}`];
    });
    return `  ${column}: ${parts.join("; ")}`;
  }
}
