import "server-only";
import { Prisma } from "~/generated/prisma/client";
import { runHotStatement, sqlInteger } from "~/server/db/hot-statement";
import type { Database } from "~/server/prisma";
import { threadFromColumns, type ThreadColumnsRow } from "./thread-row";
import { HISTORY_SHOWN, type ThreadDetail } from "./thread-selects";

type DetailRow = ThreadColumnsRow & {
  /** As jsonb renders them: the id a number, the time an ISO string. */
  events: Array<Omit<ThreadDetail["events"][number], "id" | "at"> & { id: number; at: string }>;
};

/**
 * A thread as its page shows it (`threadDetailSelect`'s shape: the thread, its messages in
 * order, its newest history), read in one statement. The ORM's nested select makes three
 * queries and costs several times a raw one per query; this read is the thread page's, and
 * `threads.byId`'s, whole database work, so it runs as a hot statement (db/hot-statement.ts).
 */
export async function findThreadDetail(db: Database, id: string): Promise<ThreadDetail | null> {
  const rows = await runHotStatement<DetailRow>(db, "thread-detail", threadDetailQuery(id));
  const row = rows[0];
  if (!row) return null;
  return threadFromColumns(
    row,
    row.events.map((event) => ({ ...event, id: BigInt(event.id), at: new Date(event.at) })),
  );
}

/** The statement `findThreadDetail` runs (exported for the bench's EXPLAIN). */
export function threadDetailQuery(id: string): Prisma.Sql {
  return Prisma.sql`
    SELECT t.id, t.object, t.created_at, t.recorded_at, t.metadata, t.tool_resources, t.request, t.response, t.response_text,
      t.created_by, t.origin::text AS origin, t.deleted_at, t.message_count, t.last_activity_at,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('position', m."position", 'role', m.role, 'content', m.content,
                'attachments', m.attachments, 'metadata', m.metadata) ORDER BY m."position"), '[]'::jsonb)
         FROM thread_messages m WHERE m.thread_id = t.id) AS messages,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'kind', e.kind, 'actor', e.actor, 'detail', e.detail, 'at', e.at)
                ORDER BY e.at DESC, e.id DESC), '[]'::jsonb)
         FROM (SELECT * FROM thread_events WHERE thread_id = t.id ORDER BY at DESC, id DESC LIMIT ${sqlInteger(HISTORY_SHOWN)}) e) AS events
    FROM threads t
    WHERE t.id = ${id}`;
}
