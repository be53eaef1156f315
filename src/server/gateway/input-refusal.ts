import "server-only";
import type { z } from "zod";
import { formatIssuePath, issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import { rawInputIssues } from "~/server/security/raw-input-guard";
import { GatewayRefusal } from "./gateway-errors";

/**
 * Checks a body with the same guards and shared zod schema as tRPC, before anything is sent
 * upstream; the first problem is a 400 whose `param` names the field (`messages[0].content`),
 * prefixed with `prefix` when the schema covers part of the body (`thread.`).
 */
export function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown, prefix = ""): T {
  const raw = rawInputIssues(input)[0];
  if (raw) throw refusal({ path: formatIssuePath(raw.path), message: raw.message }, prefix);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = issuesToFieldErrors(result.error);
  throw refusal(fields[0] ?? { path: "", message: "Invalid request body." }, prefix, fields.length - 1);
}

function refusal(field: { path: string; message: string }, prefix: string, more = 0): GatewayRefusal {
  const param = field.path ? `${prefix}${field.path}` : prefix.replace(/\.$/, "") || null;
  const also = more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : "";
  return new GatewayRefusal(400, {
    message: `${param ? `Invalid '${param}': ` : "Invalid request body: "}${field.message}${also}`,
    param,
    code: "invalid_value",
  });
}
