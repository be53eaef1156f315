// Refuses input no procedure could want before any schema sees it, with a sentence
// naming where. These are the shapes that would otherwise slip through a schema
// (a `__proto__` key vanishes from a parsed record) or fail later in Postgres with a
// 500 (NUL, unpaired surrogates), or cost far more than they are worth (deep nesting).
import { formatIssuePath } from "~/lib/thread-request/issue-path";

export const MAX_INPUT_DEPTH = 32;

// Keys that name a JavaScript object's prototype machinery: never data.
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
// U+0000, or a surrogate that is not half of a pair: valid in a JS string, refused by PostgreSQL.
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first problem in `input`, or null. Walks iteratively, so depth cannot overflow the stack. */
export function rawInputProblem(input: unknown): string | null {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    const where = path.length ? ` (at ${formatIssuePath(path)})` : "";
    if (typeof value === "string") {
      if (BAD_TEXT.test(value)) return `Text may not contain NUL characters or unpaired surrogates${where}.`;
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_INPUT_DEPTH) return `Input is nested more than ${MAX_INPUT_DEPTH} levels deep${where}.`;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `"${key}" is not accepted as a field or metadata key${where}.`;
      if (BAD_TEXT.test(key)) return `Keys may not contain NUL characters or unpaired surrogates${where}.`;
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
