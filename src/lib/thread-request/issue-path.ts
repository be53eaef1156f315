/**
 * Turns zod issues into `{ path, message }` pairs the router returns in its BAD_REQUEST
 * and the form shows beside each field. Pure (client-safe).
 *
 * Path convention (`formatIssuePath`):
 * - array indexes in brackets:                 `messages[0].content[1]`
 * - identifier keys dotted:                    `tool_resources.file_search`
 * - other keys JSON-quoted in brackets:        `metadata["my key"]`, `metadata["0"]`, `metadata[""]`
 * - the root (the whole body) is the empty string `""`.
 */
import type { z } from "zod";
import { ALLOWED_FIELDS_MARKER } from "./schema";

export type FieldError = { path: string; message: string };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function segment(key: PropertyKey, first: boolean): string {
  if (typeof key === "number") return `[${key}]`;
  if (typeof key === "symbol") return `[${key.toString()}]`;
  if (IDENTIFIER.test(key)) return first ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

/** `["messages", 0, "content", 1, "image_url", "url"]` → `messages[0].content[1].image_url.url`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  path.forEach((key, i) => {
    out += segment(key, i === 0);
  });
  return out;
}

/** A field error with its path as keys and indexes, for finding the field in a JSON text. */
export type LocatedFieldError = FieldError & { at: (string | number)[] };

/**
 * One entry per issue, in zod's order. zod's `unrecognized_keys` issue (from a strict
 * object) sits on the object and lists the keys; it is expanded here into one entry per
 * unknown key whose path is that key (e.g. `messages[0].foo`), so every entry points at
 * the exact offending field.
 */
export function issuesToLocatedErrors(error: Pick<z.core.$ZodError, "issues">): LocatedFieldError[] {
  const out: LocatedFieldError[] = [];
  for (const issue of error.issues) {
    const at = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
      const marker = issue.message.indexOf(ALLOWED_FIELDS_MARKER);
      const allowed = marker >= 0 ? ` ${issue.message.slice(marker)}` : "";
      for (const key of issue.keys) {
        out.push({
          path: formatIssuePath([...issue.path, key]),
          message: `Unknown field ${JSON.stringify(key)}; remove it.${allowed}`,
          at: [...at, key],
        });
      }
      continue;
    }
    out.push({ path: formatIssuePath(issue.path), message: issue.message, at });
  }
  return out;
}

/** {@link issuesToLocatedErrors} as the router returns them: path and message only. */
export function issuesToFieldErrors(error: Pick<z.core.$ZodError, "issues">): FieldError[] {
  return issuesToLocatedErrors(error).map(({ path, message }) => ({ path, message }));
}
