// Ruby: the openai gem's registry is not reachable from our machines, so Ruby samples are not run;
// each corpus sample is only checked to parse (`ruby -c`), when a Ruby interpreter is installed.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { codeSample } from "~/lib/code-samples";
import { probe, runCommand } from "./command";
import type { CorpusDraft } from "./corpus";

export type RubyVerdict = { ok: boolean; ran: boolean; detail: string };

export async function rubyParseCheck(corpus: readonly CorpusDraft[]): Promise<RubyVerdict> {
  const version = await probe("ruby", ["--version"]);
  const requireAll = process.env.SPOOL_REQUIRE_SDKS === "1";
  if (version === undefined) {
    const detail = "not checked, ruby is not installed (Debian: apt-get install ruby); Ruby samples are parse-checked only, the gem registry is unreachable";
    return { ok: !requireAll, ran: false, detail };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "spool-ruby-"));
  try {
    const failures: string[] = [];
    for (const draft of corpus) {
      const file = path.join(dir, `${draft.name}.rb`);
      await writeFile(file, codeSample("ruby", draft.body).code);
      const result = await runCommand("ruby", ["-c", file]);
      if (result.code !== 0) failures.push(`${draft.name}: ${result.stderr.trim()}`);
    }
    const detail = failures.length
      ? `${failures.length}/${corpus.length} samples do not parse:\n  ${failures.join("\n  ")}`
      : `${corpus.length}/${corpus.length} samples parse (${version.split(" ").slice(0, 2).join(" ")}; parse-checked only, the gem registry is unreachable)`;
    return { ok: failures.length === 0, ran: true, detail };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
