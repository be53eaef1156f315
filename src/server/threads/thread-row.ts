import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import type { ThreadDetail } from "./thread-selects";

/** A `threads` row as the raw statements that read or write a whole thread return it (snake_case, `created_at` a bigint). */
export type ThreadColumnsRow = {
  id: string;
  object: string;
  created_at: bigint;
  recorded_at: Date;
  metadata: Prisma.JsonValue;
  tool_resources: Prisma.JsonValue | null;
  request: Prisma.JsonValue | null;
  response: Prisma.JsonValue;
  created_by: string | null;
  origin: ThreadDetail["origin"];
  deleted_at: Date | null;
  message_count: number | null;
  last_activity_at: Date | null;
  messages: ThreadDetail["messages"];
};
