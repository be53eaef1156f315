// The README's "two lines" per SDK must be lines of the scenario programs the run executes, so
// what the README shows is what was proven.
import { readFile } from "node:fs/promises";
import path from "node:path";

const HEADING = "### Pointing an SDK at Spool: the two lines";
const PROGRAMS: Record<string, string> = {
  python: "sdk-tests/python/scenario.py",
  go: "sdk-tests/go/scenario/main.go",
  java: "sdk-tests/java/Scenario.java",
};

/** Problems found (empty when every snippet line is a line of its program). */
export async function readmeSnippetProblems(root = process.cwd()): Promise<string[]> {
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const start = readme.indexOf(HEADING);
  if (start === -1) return [`README.md has no "${HEADING}" section`];
  const section = readme.slice(start, readme.indexOf("\n## ", start) === -1 ? undefined : readme.indexOf("\n## ", start));
  const problems: string[] = [];
  for (const [language, program] of Object.entries(PROGRAMS)) {
    const block = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(section)?.[1];
    if (!block) {
      problems.push(`README.md shows no ${language} snippet`);
      continue;
    }
    // Indentation aside (the README shows the lines on their own), each must be a line of the program.
    const lines = new Set((await readFile(path.join(root, program), "utf8")).split("\n").map((line) => line.trim()));
    for (const line of block.split("\n").map((text) => text.trim()).filter(Boolean)) {
      if (!lines.has(line)) problems.push(`README ${language} line is not in ${program}: ${line}`);
    }
  }
  return problems;
}
