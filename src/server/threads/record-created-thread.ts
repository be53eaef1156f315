import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import { replaceableByOwnerSql } from "~/server/attempts/attempt-outcome";
import { runHotStatement } from "~/server/db/hot-statement";
import type { Database } from "~/server/prisma";
import type { UpstreamThread } from "~/server/upstream/assistants-client";
import { messagePreview } from "./message-preview";
import { messageSearchVector } from "./search-vector";
import { threadFromColumns, type ThreadColumnsRow } from "./thread-row";
import type { ThreadDetail } from "./thread-selects";

/** A JSON column's value as a query parameter: SQL NULL for a missing or null value. */
const jsonOrNull = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

// As node-postgres returns them: int8 (the event's id) as a string.
type RecordedRow = ThreadColumnsRow & {
  event_id: string;
  event_kind: ThreadDetail["events"][number]["kind"];
  event_at: Date;
};

/**
 * Stores a thread the upstream created: the thread with its search text and list preview,
 * its messages, the CREATED line of its activity, and its attempt marked CREATED. One
 * statement, so one round trip and one commit, all or nothing; it returns what it wrote (the
 * page's view of the thread), so nothing is read again. On node-postgres directly (hot-statement.ts).
 */
export async function recordCreatedThread(
  db: Database,
  input: { attemptId: string; request: ThreadCreateRequest; created: UpstreamThread; createdBy: string | null },
): Promise<ThreadDetail> {
  const { created, request } = input;
  const messages = (request.messages ?? []).map((message, position) => ({
    position,
    role: message.role,
    content: message.content,
    attachments: message.attachments ?? undefined,
    metadata: message.metadata ?? undefined,
  }));
  const rows = await runHotStatement<RecordedRow>(db, "record-created-thread", Prisma.sql`
    WITH sent AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(messages)}::jsonb)
        AS m("position" int, role text, content jsonb, attachments jsonb, metadata jsonb)
    ), thread AS (
      INSERT INTO threads (id, object, created_at, metadata, tool_resources, request, response, response_text, created_by, search_vector,
                           preview, message_count, last_activity_at)
      VALUES (
        ${created.id}, ${created.object}, ${created.createdAt}::bigint, ${JSON.stringify(created.metadata)}::jsonb,
        ${jsonOrNull(created.toolResources)}::jsonb, ${JSON.stringify(request)}::jsonb, ${JSON.stringify(created.body)}::jsonb,
        ${created.text}, ${input.createdBy}, ${messageSearchVector(Prisma.sql`sent`)},
        ${messagePreview(Prisma.sql`sent`)}, ${messages.length}, to_timestamp(${created.createdAt}::bigint)
      )
      RETURNING id, object, created_at, recorded_at, metadata, tool_resources, request, response, response_text, created_by,
                origin::text AS origin, deleted_at, message_count, last_activity_at
    ), messages AS (
      INSERT INTO thread_messages (id, thread_id, "position", role, content, attachments, metadata)
      SELECT gen_random_uuid(), thread.id, sent."position", sent.role, sent.content, sent.attachments, sent.metadata FROM sent, thread
      RETURNING "position", role, content, attachments, metadata
    ), event AS (
      INSERT INTO thread_events (thread_id, kind, actor)
      SELECT id, 'CREATED', ${input.createdBy} FROM thread
      RETURNING id, kind::text AS kind, at
    ), attempt AS (
      -- Fenced (attempt-outcome.ts): over PENDING or a sweep's UNKNOWN, whose "may or may not"
      -- no longer holds. The thread is recorded whatever the attempt says: it exists upstream.
      UPDATE create_attempts SET status = 'CREATED', thread_id = ${created.id}, error_status = NULL, error_message = NULL, updated_at = now()
      WHERE id = ${input.attemptId}::uuid AND ${replaceableByOwnerSql}
      RETURNING id
    )
    SELECT thread.*,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('position', "position", 'role', role, 'content', content,
                'attachments', attachments, 'metadata', metadata) ORDER BY "position"), '[]'::jsonb) FROM messages) AS messages,
      event.id AS event_id, event.kind AS event_kind, event.at AS event_at
    FROM thread, event`);
  const row = rows[0]!; // the thread's INSERT returns its one row, or the statement fails
  return threadFromColumns(row, [{ id: BigInt(row.event_id), kind: row.event_kind, actor: input.createdBy, detail: null, at: row.event_at }]);
}
