import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { threadView, type ThreadDetail } from "./thread-selects";

/**
 * A `threads` row as the hot statements that read or write a whole thread return it
 * (snake_case, as node-postgres types them: int8 `created_at` a string), with its messages
 * as one jsonb array.
 */
export type ThreadColumnsRow = {
  id: string;
  object: string;
  created_at: string;
  recorded_at: Date;
  metadata: Prisma.JsonValue;
  tool_resources: Prisma.JsonValue | null;
  request: Prisma.JsonValue | null;
  response: Prisma.JsonValue;
  /** The upstream's answer as sent: the metadata's order and the response come from it. */
  response_text: string | null;
  created_by: string | null;
  origin: ThreadDetail["origin"];
  deleted_at: Date | null;
  message_count: number | null;
  last_activity_at: Date | null;
  messages: ThreadDetail["messages"];
};

/** The thread as its page shows it, from its columns and the history lines read or written with them. */
export function threadFromColumns(row: ThreadColumnsRow, events: ThreadDetail["events"]): ThreadDetail {
  return threadView({
    id: row.id,
    object: row.object,
    createdAt: BigInt(row.created_at),
    recordedAt: row.recorded_at,
    metadata: row.metadata,
    toolResources: row.tool_resources,
    request: row.request,
    response: row.response,
    responseText: row.response_text,
    createdBy: row.created_by,
    origin: row.origin,
    deletedAt: row.deleted_at,
    messageCount: row.message_count,
    lastActivityAt: row.last_activity_at,
    messages: row.messages,
    events,
  });
}
