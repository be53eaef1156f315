// A Spool key made the way a team makes one: `npm run keys -- create NAME` against the
// database, the key read from the last line it prints. Used by the fault run and the SDK tests.
import { startTsChild } from "./child-process";

export async function createSpoolKey(options: { databaseUrl: string; keyName: string; onStart?: (pid: number | undefined) => void }): Promise<string> {
  const output: string[] = [];
  const child = startTsChild({
    script: "scripts/keys.ts",
    args: ["create", options.keyName],
    env: { ...process.env, DATABASE_URL: options.databaseUrl, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim() },
    onLine: (line) => output.push(line),
    onStart: options.onStart,
  });
  const code = await child.exited;
  // The key is the last line; the lines before it say what was made (stdout and stderr mixed).
  const key = output.at(-1);
  if (code !== 0 || !key?.startsWith("spool_")) {
    throw new Error(`npm run keys -- create ${options.keyName} exited ${code}: ${output.filter((line) => !line.startsWith("spool_")).join(" ").slice(0, 400)}`);
  }
  return key;
}
