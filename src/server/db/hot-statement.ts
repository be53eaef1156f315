import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { poolOf, type Database } from "~/server/prisma";

/**
 * Runs one of the statements every create waits on (the attempt's claim, the record step)
 * on node-postgres directly, as a named prepared statement over the pool the Prisma client
 * uses. Through `$queryRaw` the same statement costs about twice the CPU (0.45 ms against
 * 0.2 ms for a one-row SELECT here, more for a row as wide as a thread's), on the path in
 * front of every SDK call. The SQL is still a `Prisma.sql` template, so parameters stay
 * parameters and fragments are shared; only the client in between is skipped.
 *
 * `name` must name one SQL text: PostgreSQL prepares it once per connection. Rows come back
 * as node-postgres types them: int8 as a string, timestamptz as a Date, jsonb parsed.
 */
export async function runHotStatement<Row extends object>(db: Database, name: string, sql: Prisma.Sql): Promise<Row[]> {
  const result = await poolOf(db).query<Row>({ name, text: sql.text, values: sql.values });
  return result.rows;
}
