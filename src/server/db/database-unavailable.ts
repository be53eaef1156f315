// Whether an error means Spool's database cannot be reached right now (an outage to wait
// out), as opposed to a query that failed (a bug). Pure: looks only at the error chain.

// During a restart a connection can also die mid-query: node-postgres then says "not
// queryable" for the rest of a transaction, Prisma "Server has closed the connection" (P1017).
// A pool so busy that a transaction could not start, or outlived its timeout, is P2028: rolled
// back, so trying again is safe, and to a client it is the same "come back in a moment".
const DATABASE_DOWN = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|not queryable|Server has closed the connection|P1017|P2028|57P0[13]|the database system is (starting up|shutting down)|Can't reach database|DatabaseNotReachable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 6; depth++) {
    const text = `${(cause as { code?: unknown }).code ?? ""} ${(cause as { name?: unknown }).name ?? ""} ${(cause as { message?: unknown }).message ?? ""}`;
    if (DATABASE_DOWN.test(text)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
