import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "~/emulator/server";
import { SDK_CORPUS } from "./corpus";
import { expectedBody, judgeSamples, samplesFor } from "./samples";
import { judgeScenario, type ScenarioTarget } from "./scenario";

const corpusDraft = (name: string) => SDK_CORPUS.find((draft) => draft.name === name)!;

describe("the SDK run's verdicts", () => {
  it("holds a typed SDK to the draft without exactly the parts its sample lists as left out", () => {
    const body = { messages: [{ role: "user", content: [{ type: "text", text: "x", "x-note": 1 }] }], tool_resources: { extra: true } };
    expect(expectedBody(body, ["messages[0].content[0].x-note", "tool_resources.extra"])).toStrictEqual({
      messages: [{ role: "user", content: [{ type: "text", text: "x" }] }],
      tool_resources: {},
    });
    const [sample] = samplesFor("go", [corpusDraft("unknown-keys-in-open-objects")]);
    expect(sample!.leftOut).toEqual(["messages[0].content[0].x-note", "tool_resources.code_interpreter.x-note"]);
  });

  it("fails a sample whose ledger body differs from the draft, or that printed no thread id", () => {
    const samples = samplesFor("python", [corpusDraft("string-messages"), corpusDraft("empty")]);
    const sent = structuredClone(corpusDraft("string-messages").body) as { messages: { content: string }[] };
    sent.messages[1]!.content = "Hi! How can I help";
    const ledger: LedgerEntry[] = [{ id: "thread_a", created_at: 1, body: JSON.stringify(sent) }];
    const stdout = [
      JSON.stringify({ name: "string-messages", stdout: "thread_a\n", error: null }),
      JSON.stringify({ name: "empty", stdout: "thread_missing\n", error: null }),
    ].join("\n");
    const verdicts = judgeSamples(samples, stdout, ledger);
    expect(verdicts.map((verdict) => verdict.ok)).toEqual([false, false]);
    expect(verdicts[0]!.detail).toContain("body.messages.1.content");
    expect(verdicts[1]!.detail).toContain("not the id of a thread the emulator created");
    ledger[0]!.body = JSON.stringify(corpusDraft("string-messages").body);
    expect(judgeSamples(samples, stdout, ledger)[0]).toMatchObject({ ok: true, detail: "exact body" });
  });

  it("a refused draft passes only as the API's 400 naming its key", () => {
    const samples = samplesFor("python", [corpusDraft("unknown-top-level-key")]);
    const line = (param: string) => JSON.stringify({ name: "unknown-top-level-key", stdout: "", error: "400", error_type: "BadRequestError", param });
    expect(judgeSamples(samples, line("my key"), [])[0]!.ok).toBe(true);
    expect(judgeSamples(samples, line("messages"), [])[0]!.ok).toBe(false);
    expect(samplesFor("java", [corpusDraft("unknown-top-level-key")])).toEqual([]);
  });

  it("a scenario check fails when it never reported, and is 'not run' only when the target cannot answer it", () => {
    const target: ScenarioTarget = { name: "emulator", baseURL: "http://x/v1", apiKey: "k", notRunnable: { wrong_key: "any key works" } };
    const stdout = [
      JSON.stringify({ check: "create", ok: true, detail: "made", thread_id: "thread_1" }),
      JSON.stringify({ check: "retrieve", ok: false, detail: "other id" }),
      JSON.stringify({ check: "wrong_key", skipped: true }),
      JSON.stringify({ check: "list_messages", skipped: true }),
    ].join("\n");
    const verdicts = Object.fromEntries(judgeScenario(target, stdout, "Traceback: boom").map((verdict) => [verdict.check, verdict]));
    expect(verdicts.create).toMatchObject({ state: "passed", threadId: "thread_1" });
    expect(verdicts.retrieve!.state).toBe("failed");
    expect(verdicts.wrong_key!.state).toBe("not run");
    expect(verdicts.list_messages).toMatchObject({ state: "failed", detail: "skipped without being told to" });
    expect(verdicts.delete).toMatchObject({ state: "failed" });
    expect(verdicts.delete!.detail).toContain("boom");
  });
});
