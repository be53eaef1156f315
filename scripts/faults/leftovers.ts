// A run that was itself killed leaves its children behind (they run in their own process
// groups) holding the run's ports. Their ids are written down, so the next run ends
// exactly those, and nothing else, before it starts.
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const GROUPS_FILE = "process-groups";

/** Notes a child's process group, to be ended by the next run if this one dies first. */
export function rememberGroup(dataDir: string, pid: number | undefined): void {
  if (pid !== undefined) appendFileSync(path.join(dataDir, GROUPS_FILE), `${pid}\n`);
}

/** Ends what a previous run in `dataDir` left running: its process groups and its PostgreSQL. */
export async function endLeftovers(dataDir: string): Promise<void> {
  const groupsFile = path.join(dataDir, GROUPS_FILE);
  if (existsSync(groupsFile)) {
    for (const pid of readFileSync(groupsFile, "utf8").split("\n").map(Number).filter((n) => Number.isInteger(n) && n > 0)) {
      signal(-pid, "SIGKILL");
    }
  }
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !signal(pid, "SIGINT")) return;
  for (let waited = 0; waited < 15_000 && signal(pid, 0); waited += 100) await sleep(100);
}

function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** After a clean stop nothing is left to end, and no id may outlive its process. */
export function forgetGroups(dataDir: string): void {
  rmSync(path.join(dataDir, GROUPS_FILE), { force: true });
}
