import "server-only";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { ServerFault } from "~/components/layout/ServerFault";
import { formatIssuePath, issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import { isDatabaseUnavailable } from "~/server/db/database-unavailable";
import { spoolErrorIn } from "~/server/error-mapping";
import { InvalidInputError } from "~/server/errors";

/** Whether a page's call (src/trpc/server.ts) was refused with `code`. */
export function isRefused(error: unknown, ...codes: Array<TRPCError["code"]>): error is TRPCError {
  return error instanceof TRPCError && codes.includes(error.code);
}

/** Why the input was refused, one sentence per field; null when it was not. */
export function refusalDetails(error: unknown): string[] | null {
  if (!isRefused(error, "BAD_REQUEST")) return null;
  if (error.cause instanceof ZodError) return issuesToFieldErrors(error.cause).map((issue) => issue.message);
  const spool = spoolErrorIn(error);
  if (spool instanceof InvalidInputError) return spool.issues.map(({ path, message }) => (path.length ? `${formatIssuePath(path)}: ${message}` : message));
  return [error.message];
}

/** What a page shows when its call failed for a reason of Spool's own: the database away; anything else is rethrown to error.tsx. */
export function serverFaultPage(error: unknown): React.ReactElement {
  if (isRefused(error, "SERVICE_UNAVAILABLE") || isDatabaseUnavailable(error)) return <ServerFault reason="database" />;
  throw error;
}
