// The gateway scenario's verdict: every check each language's program prints, against a target
// (the emulator directly, or a running Spool's /v1 with a Spool-issued key).

export const SCENARIO_CHECKS = ["create", "retrieve", "update_metadata", "list_messages", "delete", "wrong_key", "invalid_body"] as const;
export type ScenarioCheck = (typeof SCENARIO_CHECKS)[number];

export type ScenarioTarget = {
  name: string;
  baseURL: string;
  apiKey: string;
  /** The Spool key's name, when the target is Spool's gateway: its threads must list under it. */
  keyName?: string;
  /** Checks this target cannot answer, with the reason printed beside them. */
  notRunnable: Partial<Record<ScenarioCheck, string>>;
};

export type CheckVerdict = { check: ScenarioCheck | "listed_under_key"; state: "passed" | "failed" | "not run"; detail: string; threadId?: string };

type CheckLine = { check: string; ok?: boolean; skipped?: boolean; detail?: string; thread_id?: string };

export function scenarioEnv(target: ScenarioTarget, run: string): Record<string, string> {
  return {
    SPOOL_BASE_URL: target.baseURL,
    SPOOL_API_KEY: target.apiKey,
    SPOOL_SDK_RUN: run,
    SPOOL_SDK_SKIP: Object.keys(target.notRunnable).join(","),
  };
}

/** One verdict per check: a check the program skipped without being told to, or never reached, fails. */
export function judgeScenario(target: ScenarioTarget, stdout: string, stderr: string): CheckVerdict[] {
  const lines = new Map<string, CheckLine>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const parsed = JSON.parse(line) as CheckLine;
    lines.set(parsed.check, parsed);
  }
  const crash = stderr.trim().split("\n").slice(-3).join(" ").slice(0, 400);
  return SCENARIO_CHECKS.map((check): CheckVerdict => {
    const line = lines.get(check);
    const reason = target.notRunnable[check];
    if (reason !== undefined) {
      return line?.skipped ? { check, state: "not run", detail: reason } : { check, state: "failed", detail: "the program did not skip it as told" };
    }
    if (!line) return { check, state: "failed", detail: `never reported${crash ? `; the program ended with: ${crash}` : ""}` };
    if (line.skipped) return { check, state: "failed", detail: "skipped without being told to" };
    return { check, state: line.ok ? "passed" : "failed", detail: line.detail ?? "", threadId: line.thread_id };
  });
}
