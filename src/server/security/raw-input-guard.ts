// Refuses input no procedure could want before any schema sees it, naming where. These are
// the shapes that would otherwise slip past a schema (a `__proto__` key vanishes from a
// parsed record; passthrough fields are never looked at), fail later in PostgreSQL with a
// 500 (NUL, unpaired surrogates), or cost far more than they are worth (deep nesting).
// What counts as unstorable is shared with the request schemas: ~/lib/thread-request/storable-input.
import { unstorableInputIssues, type StorableIssue } from "~/lib/thread-request/storable-input";

export const MAX_INPUT_DEPTH = 32;

/** The path of the first place `input` is nested deeper than the limit, or null. Iterative: depth cannot overflow the stack. */
function tooDeepAt(input: unknown): PropertyKey[] | null {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_INPUT_DEPTH) return path;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
  }
  return null;
}

/** The problems in `input`, each with the path it sits at; empty when there are none. */
export function rawInputIssues(input: unknown): StorableIssue[] {
  const deep = tooDeepAt(input);
  if (deep) return [{ path: deep, message: `Input is nested more than ${MAX_INPUT_DEPTH} levels deep; Spool does not accept it.` }];
  return unstorableInputIssues(input);
}
