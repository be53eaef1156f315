// Spool as production runs it (`scripts/spool.ts start`, the `.next` build) against the
// run's own emulator and database. `crash()` is a SIGKILL to the whole process group.
import { startTsChild, waitFor, type TsChild } from "./child-process";

export type SpoolProcess = {
  url: string;
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
};

export async function startSpoolProcess(options: {
  /** Names the instance in the log (`[spool-a#2]`: instance a, second start). */
  name?: string;
  port: number;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  onStart: (pid: number | undefined) => void;
}): Promise<SpoolProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  let generation = 0;
  const launch = async (): Promise<TsChild> => {
    const label = `[spool${options.name ? `-${options.name}` : ""}#${++generation}]`;
    const child = startTsChild({
      script: "scripts/spool.ts",
      args: ["start"],
      env: { ...options.env, PORT: String(options.port), HOST: "127.0.0.1" },
      onLine: (line) => options.log(`${label} ${line}`),
      onStart: options.onStart,
    });
    // Ready as a load balancer sees it: database reachable, migrations applied, lease held.
    const ready = waitFor(`Spool ${options.name ?? ""}`.trim(), async () => (await fetch(`${url}/api/ready`)).status === 200, 90_000);
    const died = child.exited.then((code) => {
      throw new Error(`Spool exited with code ${code} before it was ready`);
    });
    // Whichever loses the race must not end the run as an unhandled rejection later.
    ready.catch(() => {});
    died.catch(() => {});
    await Promise.race([ready, died]);
    return child;
  };
  let current = await launch();
  return {
    url,
    async crashAndRestart() {
      current.kill("SIGKILL");
      await current.exited;
      current = await launch();
    },
    async stop() {
      current.kill("SIGTERM");
      await current.exited;
    },
  };
}
