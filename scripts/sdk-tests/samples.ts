// The code view's samples for each corpus draft, and the verdict on each run: the sample must
// have created a thread whose request body, in the emulator's ledger, is exactly the draft's.
import { isDeepStrictEqual } from "node:util";
import type { LedgerEntry } from "~/emulator/server";
import { codeSample } from "~/lib/code-samples";
import type { CorpusDraft } from "./corpus";
import type { GeneratedSample } from "./toolchains";

export type SampleLanguage = "python" | "go" | "java";

export type SampleVerdict = { name: string; ok: boolean; detail: string };

/** The draft's samples this language can run: the typed SDKs cannot build a refused body. */
export function samplesFor(language: SampleLanguage, corpus: readonly CorpusDraft[]): (GeneratedSample & { draft: CorpusDraft; leftOut: readonly string[] })[] {
  return corpus
    .filter((draft) => language === "python" || draft.refusedParam === undefined)
    .map((draft) => {
      const { code, leftOut } = codeSample(language, draft.body);
      return { name: draft.name, code, draft, leftOut };
    });
}

/** `messages[0].content[1].extra` → ["messages", 0, "content", 1, "extra"]; a "(null)" note names the value. */
function pathOf(note: string): (string | number)[] {
  const plain = note.replace(/ \(null\)$/, "");
  return [...plain.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] === undefined ? match[1]! : Number(match[2])));
}

/** The body a typed SDK sends: the draft without what its sample says it leaves out. */
export function expectedBody(body: unknown, leftOut: readonly string[]): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const note of leftOut) {
    const segments = pathOf(note);
    let target: unknown = copy;
    for (const segment of segments.slice(0, -1)) target = (target as Record<string | number, unknown>)[segment];
    delete (target as Record<string | number, unknown>)[segments.at(-1)!];
  }
  return copy;
}

/** Where two JSON values first differ, for a failure message. */
function firstDifference(actual: unknown, expected: unknown, at = "body"): string {
  if (typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of keys) {
      const a = (actual as Record<string, unknown>)[key];
      const e = (expected as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(a, e)) return firstDifference(a, e, `${at}.${key}`);
    }
  }
  return `${at}: sent ${JSON.stringify(actual)?.slice(0, 200)}, draft has ${JSON.stringify(expected)?.slice(0, 200)}`;
}

type SampleOutput = { name: string; stdout: string; error: string | null; error_type?: string | null; param?: string | null };

/** Judges a language's run from its JSON lines and the emulator's ledger. */
export function judgeSamples(
  samples: ReturnType<typeof samplesFor>,
  stdout: string,
  ledger: readonly LedgerEntry[],
): SampleVerdict[] {
  const outputs = new Map<string, SampleOutput>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const output = JSON.parse(line) as SampleOutput;
    outputs.set(output.name, output);
  }
  const byId = new Map(ledger.map((entry) => [entry.id, entry]));
  return samples.map(({ name, draft, leftOut }): SampleVerdict => {
    const output = outputs.get(name);
    if (!output) return { name, ok: false, detail: "the sample runner printed nothing for it (it crashed before or at this sample)" };
    if (draft.refusedParam !== undefined) {
      const refused = output.error_type === "BadRequestError" && output.param === draft.refusedParam;
      return { name, ok: refused, detail: refused ? `sent, refused with 400 naming ${JSON.stringify(output.param)}` : `expected a 400 naming ${JSON.stringify(draft.refusedParam)}, got ${output.error ?? output.stdout}` };
    }
    if (output.error) return { name, ok: false, detail: `${output.error_type ?? "error"}: ${output.error}` };
    const id = output.stdout.trim();
    const entry = byId.get(id);
    if (!/^thread_\w+$/.test(id) || !entry) return { name, ok: false, detail: `printed ${JSON.stringify(output.stdout)}, not the id of a thread the emulator created` };
    const sent = JSON.parse(entry.body) as unknown;
    const expected = expectedBody(draft.body, leftOut);
    if (!isDeepStrictEqual(sent, expected)) return { name, ok: false, detail: firstDifference(sent, expected) };
    return { name, ok: true, detail: leftOut.length ? `exact body (without what the sample says it leaves out: ${leftOut.join(", ")})` : "exact body" };
  });
}
