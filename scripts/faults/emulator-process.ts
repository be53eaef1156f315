// The emulator in a process of its own, so its ledger (the ground truth) outlives every
// Spool restart. In memory only: one JSON state file rewritten per create would dominate.
import { startTsChild, waitFor, type TsChild } from "./child-process";

export type EmulatorProcess = { url: string; baseURL: string; stop(): Promise<void> };

export async function startEmulatorProcess(
  port: number,
  log: (line: string) => void,
  onStart: (pid: number | undefined) => void,
): Promise<EmulatorProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child: TsChild = startTsChild({
    script: "scripts/emulator.ts",
    args: ["--port", String(port)],
    env: process.env,
    onLine: (line) => log(`[emulator] ${line}`),
    onStart,
  });
  await waitFor("The emulator", async () => (await fetch(`${url}/__emulator/health`)).ok, 30_000);
  return {
    url,
    baseURL: `${url}/v1`,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}
