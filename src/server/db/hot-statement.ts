import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { poolOf, type Database } from "~/server/prisma";

/**
 * Runs one of Spool's hot statements, those every create waits on (the attempt's claim, the
 * record step) and the dashboard's reads (`threads.list`'s page, `threads.byId`), on
 * node-postgres directly, as a named prepared statement (unless `planEachCall`) over the pool
 * the Prisma client uses.
 * Through `$queryRaw` the same statement costs about twice the CPU (0.45 ms against 0.2 ms for a
 * one-row SELECT here, more for a row as wide as a thread's; on the million-thread bench
 * database the list's first page took 1.64 ms p50 against 0.98 ms, a thread by id 1.57 against
 * 0.59). The SQL is still a `Prisma.sql` template, so parameters stay parameters and fragments
 * are shared; only the client in between is skipped.
 *
 * `name` says which statement this is; the prepared statement is named by it and a hash of the
 * text, so a statement whose text depends on its input (the list's, built from the filters) is
 * prepared once per connection and shape. Rows come back as node-postgres types them: int8 as
 * a string, timestamptz as a Date, jsonb parsed.
 */
export async function runHotStatement<Row extends object>(
  db: Database,
  name: string,
  sql: Prisma.Sql,
  options: { planEachCall?: boolean } = {},
): Promise<Row[]> {
  const prepared = preparedName(name, sql.text);
  // `planEachCall`: an unnamed statement, which PostgreSQL plans for the values of each call.
  // For a statement whose best plan depends on them: after five calls a named one may settle on
  // a generic plan, and for the list's gather step (which GIN index to start from) that plan
  // took 190 ms where each call's own took 2 ms (docs/BENCHMARKS.md). A database whose
  // `plan_cache_mode` is `force_generic_plan` plans unnamed statements generically too.
  const result = await poolOf(db).query<Row>({ ...(options.planEachCall ? {} : { name: prepared }), text: sql.text, values: sql.values });
  return result.rows;
}

/**
 * A size written into a hot statement's text (a LIMIT, a preview's length). Literals, not
 * parameters: with `LIMIT $n` a prepared statement's generic plan assumes a tenth of the table,
 * so PostgreSQL would plan the statement again on every call instead of reusing its plan.
 */
export function sqlInteger(value: number): Prisma.Sql {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`A size in a statement must be a positive integer, not ${value}.`);
  return Prisma.raw(String(value));
}

// PostgreSQL cuts names at 63 bytes, which could make two names one.
const NAME_CHARS = 40;

// The names given so far, by name and text: a hash of a list page's statement on every call cost
// as much as the rest of runHotStatement (a CPU profile). Texts come from a few templates
// (filters present or not, the page size), so the map stays small; the bound is a backstop.
const preparedNames = new Map<string, string>();
const PREPARED_NAMES_KEPT = 1000;

function preparedName(name: string, text: string): string {
  // Checked first: the key below is one only for a name without spaces.
  if (!/^[a-z-]+$/.test(name) || name.length > NAME_CHARS) throw new Error(`A hot statement's name is up to ${NAME_CHARS} of a-z and "-", not "${name}".`);
  const key = `${name} ${text}`;
  const known = preparedNames.get(key);
  if (known) return known;
  if (preparedNames.size >= PREPARED_NAMES_KEPT) preparedNames.clear();
  const prepared = `${name}-${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
  preparedNames.set(key, prepared);
  return prepared;
}
