/**
 * What Spool refuses beyond the contract: input the contract allows but Spool cannot keep.
 * Pure (client-safe), shared by the request schemas (so the composer says it live) and the
 * server's raw-input guard (so every procedure says it, before PostgreSQL would fail).
 *
 * - PostgreSQL text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate is not
 *   Unicode at all (it would reach the database as U+FFFD, not as what was sent).
 * - `__proto__`, `constructor` and `prototype` name JavaScript's prototype machinery:
 *   superjson (the tRPC transformer) refuses to serialize an object with such a key, and an
 *   own `__proto__` key is lost by most code that copies an object, so a stored thread with
 *   one could not be shown again.
 */

/** Keys Spool never stores, at any level of any input. */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const NUL_TEXT_MESSAGE = "Text cannot contain the NUL character (U+0000): Spool cannot store it.";
export const LONE_SURROGATE_TEXT_MESSAGE =
  "Text cannot contain an unpaired UTF-16 surrogate (U+D800–U+DFFF): it is not valid Unicode, so Spool cannot store it.";

export type StorableIssue = { path: PropertyKey[]; message: string };

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.includes(key);
}

/** Why `text` cannot be stored, as a sentence, or null. */
export function unstorableTextProblem(text: string): string | null {
  if (NUL.test(text)) return NUL_TEXT_MESSAGE;
  if (LONE_SURROGATE.test(text)) return LONE_SURROGATE_TEXT_MESSAGE;
  return null;
}

/** A key for a message: JSON-quoted (so NUL shows as \u0000), long keys cut. */
function quoteKey(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key);
}

function keyProblem(key: string, isMetadata: boolean): string | null {
  const what = isMetadata ? `Metadata key ${quoteKey(key)}` : `Field name ${quoteKey(key)}`;
  if (isReservedKey(key)) return `${what} is reserved: Spool cannot store it safely.`;
  if (NUL.test(key)) return `${what} cannot contain the NUL character (U+0000): Spool cannot store it.`;
  if (LONE_SURROGATE.test(key)) return `${what} cannot contain an unpaired UTF-16 surrogate: it is not valid Unicode, so Spool cannot store it.`;
  return null;
}

/**
 * Every string and key in `value` Spool cannot store, each with the path of the field
 * (a key's issue sits at the key's own path, e.g. `metadata.__proto__`). Walks without
 * recursion and visits each object once, so neither depth nor a cycle can hang it; stops
 * after `limit` issues.
 */
export function unstorableInputIssues(value: unknown, limit = 50): StorableIssue[] {
  const issues: StorableIssue[] = [];
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  while (stack.length > 0 && issues.length < limit) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      const problem = unstorableTextProblem(current);
      if (problem) issues.push({ path, message: problem });
      continue;
    }
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], path: [...path, index] });
      continue;
    }
    const isMetadata = path[path.length - 1] === "metadata";
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index]!;
      const problem = keyProblem(key, isMetadata);
      if (problem) {
        issues.push({ path: [...path, key], message: problem });
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues.slice(0, limit);
}
