// What a user reads when something on Spool's side broke; the details go to the log.
import type { TRPCError } from "@trpc/server";

// During a restart a connection can also die mid-query: node-postgres then says "not
// queryable" for the rest of a transaction, Prisma "Server has closed the connection" (P1017).
const DATABASE_DOWN = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|not queryable|Server has closed the connection|P1017|57P0[13]|the database system is (starting up|shutting down)|Can't reach database|DatabaseNotReachable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 6; depth++) {
    const text = `${(cause as { code?: unknown }).code ?? ""} ${(cause as { name?: unknown }).name ?? ""} ${(cause as { message?: unknown }).message ?? ""}`;
    if (DATABASE_DOWN.test(text)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

export function describeServerFault(error: TRPCError): string {
  if (isDatabaseUnavailable(error)) return "Spool's database is unreachable right now. Try again in a moment.";
  return "Something went wrong on Spool's server. Try again; if it keeps happening, check the server log.";
}
