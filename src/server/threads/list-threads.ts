import "server-only";
import { Prisma } from "~/generated/prisma/client";
import { createdRange, type ThreadFilters } from "~/lib/thread-filters";
import { InvalidInputError } from "~/server/errors";
import { runHotStatement, sqlInteger } from "~/server/db/hot-statement";
import type { Database } from "~/server/prisma";
import { encodeCursor, type ListPosition } from "./list-cursor";
import { inOrderOf } from "./thread-selects";
import { prefixTsquery } from "./search-query";

export type ListThreadsInput = ThreadFilters & { limit: number; cursor?: ListPosition | null };

/**
 * One row of the list: the columns it shows, named here and nowhere else. Only JSON values,
 * times as `Date#toISOString` writes them, so the page is sent as it is (plainJsonAnswer);
 * `createdAt` is the upstream's unix seconds.
 */
export type ThreadSummary = {
  id: string;
  createdAt: number;
  recordedAt: string;
  metadata: Record<string, string>;
  createdBy: string | null;
  origin: "CREATED" | "IMPORTED";
  deletedAt: string | null;
  /** As far as Spool knows (see Thread.messageCount); null when it does not. */
  messageCount: number | null;
  /** The newest message (or creation) Spool has seen. */
  lastActivityAt: string | null;
  /** The start of the first message's text, when there is one. */
  preview: string | null;
};

export type ThreadListPage = { items: ThreadSummary[]; nextCursor: string | null };

/**
 * How a page is found when text search or metadata narrows the list:
 * - "walk": read the (created_at, creation_seq) index in order, at most WALK_WINDOW rows, keeping
 *   the matches; a page of common matches fills within a few hundred rows;
 * - "gather": take every match from the GIN indexes, then sort; fast when matches are few.
 * Left to itself, the planner picks from estimates, and for a search word it has no
 * statistics on it guesses "common" and walks the entire table. So Spool walks a bounded
 * window first and gathers only when the window did not fill the page.
 */
export type ListStrategy = "walk" | "gather";
export const WALK_WINDOW = 5000;

const COLUMNS = Prisma.sql`t.id, t.created_at, t.creation_seq, t.recorded_at, t.metadata, t.response_text, t.created_by, t.origin, t.deleted_at, t.message_count, t.last_activity_at, t.preview, t.search_vector`;

/**
 * Keyset pagination over (created_at, creation_seq): threads created in one second keep
 * the order Spool recorded them in. A page starts strictly after the last row
 * of the previous one, so threads arriving meanwhile never shift it (no duplicates, no
 * gaps), unlike OFFSET. Raw SQL because Prisma's JSON filters cannot use the GIN index
 * (`@>`) and it has no full-text operator for a tsvector column.
 */
export function listThreadsQuery(input: ListThreadsInput, strategy: ListStrategy = "walk"): Prisma.Sql {
  const { base, narrowing, order } = listConditions(input);
  const direction = order === "newest" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  let source: Prisma.Sql;
  let orderBy: Prisma.Sql;
  if (strategy === "walk" && narrowing.length === 0) {
    source = Prisma.sql`threads t ${whereAll(base)}`;
    orderBy = Prisma.sql`t.created_at ${direction}, t.creation_seq ${direction}`;
  } else if (strategy === "walk") {
    // The window bounds the walk: narrowing conditions apply outside the LIMIT.
    source = Prisma.sql`(SELECT ${COLUMNS} FROM threads t ${whereAll(base)}
                          ORDER BY t.created_at ${direction}, t.creation_seq ${direction} LIMIT ${sqlInteger(WALK_WINDOW)}) t ${whereAll(narrowing)}`;
    orderBy = Prisma.sql`t.created_at ${direction}, t.creation_seq ${direction}`;
  } else {
    source = Prisma.sql`threads t ${whereAll([...base, ...narrowing])}`;
    // `+ 0` hides the sort key from the b-tree, so the planner cannot turn this into a walk.
    orderBy = Prisma.sql`t.created_at + 0 ${direction}, t.creation_seq ${direction}`;
  }

  return Prisma.sql`
    SELECT t.id, t.created_at AS "createdAt", t.creation_seq AS "creationSeq", ${epochMs(Prisma.sql`t.recorded_at`)} AS "recordedAt", t.metadata,
           (t.response_text::json)->'metadata' AS "answerMetadata",
           t.created_by AS "createdBy", t.origin::text AS origin, ${epochMs(Prisma.sql`t.deleted_at`)} AS "deletedAt",
           t.message_count AS "messageCount",
           ${epochMs(Prisma.sql`t.last_activity_at`)} AS "lastActivityAt", t.preview
      FROM ${source}
     ORDER BY ${orderBy}
     LIMIT ${sqlInteger(input.limit + 1)}`;
}

/**
 * A timestamptz(3) column as milliseconds since the epoch (float8: a JavaScript number, exact),
 * which isoOf writes as an ISO string: a number is one parseFloat for node-postgres where a
 * timestamp's text is parsed field by field, and JavaScript writes every year a Date holds
 * (SQL's `to_char` writes 56203 where `Date` reads only +056203).
 */
const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * A time for the answer; none for SQL's infinities, which Spool never writes but a column can
 * hold. One Date, set to each value in turn: Next.js wraps the Date constructor (its clock
 * tracking for prerenders), and `new Date` twice a row was a fifth of a page's row building in
 * a CPU profile.
 */
const isoOf = (ms: number | null): string | null => (ms !== null && Number.isFinite(ms) ? isoAt(ms) : null);

const clock = new Date(0);
/** A finite time as `Date#toISOString` writes it (set and read at once: nothing else runs between). */
function isoAt(ms: number): string {
  clock.setTime(ms);
  return clock.toISOString();
}

export const whereAll = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

/** `base` conditions have b-tree indexes; `narrowing` ones (search, metadata) have GIN indexes. */
export function listConditions(input: ThreadFilters & { cursor?: ListPosition | null }) {
  const order = input.order ?? "newest";
  const base: Prisma.Sql[] = [];
  const narrowing: Prisma.Sql[] = [];

  const deleted = input.deleted ?? "exclude";
  if (deleted === "exclude") base.push(Prisma.sql`t.deleted_at IS NULL`);
  if (deleted === "only") base.push(Prisma.sql`t.deleted_at IS NOT NULL`);
  if (input.createdFrom) base.push(Prisma.sql`t.created_at >= ${createdRange(input.createdFrom, "from")}`);
  if (input.createdTo) base.push(Prisma.sql`t.created_at <= ${createdRange(input.createdTo, "to")}`);
  if (input.createdBy) base.push(Prisma.sql`t.created_by = ${input.createdBy}`);
  if (input.cursor) {
    if (input.cursor.order !== order) {
      throw new InvalidInputError([{ path: ["cursor"], message: `cursor belongs to the "${input.cursor.order}" order, not "${order}".` }]);
    }
    const { createdAt, seq } = input.cursor;
    base.push(
      order === "newest"
        ? Prisma.sql`(t.created_at, t.creation_seq) < (${createdAt}, ${seq})`
        : Prisma.sql`(t.created_at, t.creation_seq) > (${createdAt}, ${seq})`,
    );
  }

  if (input.metadata?.length) {
    // One containment test for all pairs: the GIN index answers it in one probe.
    const wanted = Object.fromEntries(input.metadata.map(({ key, value }) => [key, value]));
    narrowing.push(Prisma.sql`t.metadata @> ${JSON.stringify(wanted)}::jsonb`);
  }
  // As-you-type search: the last word is a prefix (`refun` finds "refund"); see search-query.ts.
  if (input.search) narrowing.push(Prisma.sql`t.search_vector @@ to_tsquery('english', ${prefixTsquery(input.search) ?? ""})`);
  return { base, narrowing, order };
}

// As node-postgres returns them: int8 (`created_at`, `creation_seq`) as strings, times as epochMs made them.
type ListRow = Omit<ThreadSummary, "createdAt" | "recordedAt" | "deletedAt" | "lastActivityAt"> & {
  createdAt: string;
  creationSeq: string;
  answerMetadata: unknown;
  recordedAt: number;
  deletedAt: number | null;
  lastActivityAt: number | null;
};

/** A list row and its place in the sort order (creation_seq breaks ties; never shown). */
type ListEntry = { item: ThreadSummary; seq: number };

/** A row as the list shows it: numbers for the sort key, metadata in the upstream's order. Built field by field: a page makes 25 of these. */
function entryOf(row: ListRow): ListEntry {
  return {
    item: {
      id: row.id,
      createdAt: Number(row.createdAt),
      recordedAt: isoAt(row.recordedAt), // always now() when recorded
      metadata: inOrderOf(row.answerMetadata, row.metadata) as Record<string, string>,
      createdBy: row.createdBy,
      origin: row.origin,
      deletedAt: isoOf(row.deletedAt),
      messageCount: row.messageCount,
      lastActivityAt: isoOf(row.lastActivityAt),
      preview: row.preview,
    },
    seq: Number(row.creationSeq),
  };
}

/** The page's rows (`limit + 1` at most) and how they were found. */
export async function findListRows(db: Database, input: ListThreadsInput): Promise<{ rows: ListEntry[]; strategy: ListStrategy }> {
  const walked = (await runHotStatement<ListRow>(db, "threads-list", listThreadsQuery(input, "walk"))).map(entryOf);
  const narrowed = Boolean(input.search || input.metadata?.length);
  // A short walk may only mean the window ran out before the matches did.
  if (!narrowed || walked.length > input.limit) return { rows: walked, strategy: "walk" };
  // Planned for this call's filters: how selective each is decides which index to start from.
  const gathered = await runHotStatement<ListRow>(db, "threads-list", listThreadsQuery(input, "gather"), { planEachCall: true });
  return { rows: gathered.map(entryOf), strategy: "gather" };
}

/** Takes `limit + 1` rows: the extra one only says whether a next page exists. */
export async function listThreads(db: Database, input: ListThreadsInput): Promise<ThreadListPage> {
  const { rows } = await findListRows(db, input);
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((entry) => entry.item),
    nextCursor: more && last ? encodeCursor({ order: input.order ?? "newest", createdAt: last.item.createdAt, seq: last.seq }) : null,
  };
}
