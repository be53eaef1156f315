// Refuses input no procedure could want before any schema sees it, naming where. These are
// the shapes that would otherwise slip past a schema (a `__proto__` key vanishes from a
// parsed record; passthrough fields are never looked at), fail later in PostgreSQL with a
// 500 (NUL, unpaired surrogates), or cost far more than they are worth (deep nesting).
// What counts as unstorable is shared with the request schemas: ~/lib/thread-request/storable-input.
import { unstorableInputIssues, type StorableIssue } from "~/lib/thread-request/storable-input";
import { InvalidInputError } from "~/server/errors";

export const MAX_INPUT_DEPTH = 32;

/**
 * More items than any list a person composes. The contract allows up to 100,000,000 file ids
 * in a vector store, but a 1 MiB body holds about 30,000 real ones, and checking a longer list
 * of wrong items costs the schema about a second and builds more issues than it can report.
 */
export const MAX_LIST_ITEMS = 10_000;

/** The first place `input` is nested too deep or holds too long a list, or null. Iterative: depth cannot overflow the stack. */
function shapeIssue(input: unknown): StorableIssue | null {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path, message: `Input is nested more than ${MAX_INPUT_DEPTH} levels deep; Spool does not accept it.` };
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) {
        return { path, message: `This list has ${value.length} items; Spool accepts at most ${MAX_LIST_ITEMS} in one list.` };
      }
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
  }
  return null;
}

/** The problems in `input`, each with the path it sits at; empty when there are none. */
export function rawInputIssues(input: unknown): StorableIssue[] {
  const shape = shapeIssue(input);
  if (shape) return [shape];
  return unstorableInputIssues(input);
}

/** The issues as an InvalidInputError (the answer lists each field path like a schema's); null when there are none. */
export function rawInputRefusal(input: unknown): InvalidInputError | null {
  const issues = rawInputIssues(input);
  return issues.length === 0 ? null : new InvalidInputError(issues);
}
