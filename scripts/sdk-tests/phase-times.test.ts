import { describe, expect, it } from "vitest";
import { runCommand } from "./command";
import { PhaseTimes } from "./phase-times";

// A command that burns some CPU in a child of its own (as go build's compilers do).
const BUSY = ["-c", "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; echo done"];

describe("the SDK run's time table", () => {
  it("gives each phase the CPU of the commands it ran, its grandchildren included", async () => {
    const times = new PhaseTimes();
    const [busy, idle] = await Promise.all([
      times.time("Go", "compile", () => runCommand("sh", BUSY)),
      times.time("Java", "compile", () => runCommand("sh", ["-c", "echo idle"])),
    ]);
    expect(busy).toMatchObject({ code: 0, stdout: "done\n" });
    expect(busy.cpuMs).toBeGreaterThan(0);
    expect(times.get("Go", "compile")!.cpuMs).toBe(busy.cpuMs);
    expect(times.get("Java", "compile")!.cpuMs).toBe(idle.cpuMs);
    const table = times.table(["Go", "Java"]);
    expect(table[0]).toMatch(/phase \(wall \/ CPU\) +Go +Java/);
    expect(table[1]).toMatch(/^ {2}compile +\d+\.\ds \/ \d+\.\ds +\d+\.\ds \/ \d+\.\ds$/);
    expect(table.at(-1)).toMatch(/the run: .* wall .* CPU .* cores, load average/);
  });

  it("reports a command that is not installed as exit 127, which probes read as missing", async () => {
    const result = await runCommand("spool-no-such-command", ["--version"]);
    expect(result.code).toBe(127);
  });
});
