import "server-only";
import type { z } from "zod";
import { InvalidInputError } from "~/server/errors";
import { rawInputIssues } from "~/server/security/raw-input-guard";

/**
 * Checks a body with the same guards and shared zod schema as tRPC, before anything is sent
 * upstream. Refused as InvalidInputError, each issue's path under `prefix` when the schema
 * covers part of the body (`["thread"]`); the edge names the first as `param`.
 */
export function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown, prefix: PropertyKey[] = []): T {
  const raw = rawInputIssues(input);
  if (raw.length > 0) throw new InvalidInputError(raw.map(({ path, message }) => ({ path: [...prefix, ...path], message })));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(result.error.issues.map(({ path, message, ...issue }) => ({
    // zod reports unknown keys on their object; the field itself is what a caller must fix.
    path: [...prefix, ...path, ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [])],
    message: issue.code === "unrecognized_keys" ? `Unknown field ${JSON.stringify(issue.keys[0])}; remove it.` : message,
  })));
}
