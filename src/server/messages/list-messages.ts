import "server-only";
import type { ServiceDeps } from "~/server/context";
import { UpstreamError } from "~/server/errors";
import type { Database } from "~/server/prisma";
import { findStoredThread } from "~/server/threads/stored-thread";
import type { MessageListQuery, UpstreamMessage as Message, UpstreamMessagePage } from "~/server/upstream/assistants-client";
import { messageTimeSeconds } from "~/server/upstream/upstream-thread";
import { listFailure } from "./message-errors";
import { sentBySpool, type SentBySpool } from "./sent-by-spool";

export type ListMessagesInput = {
  threadId: string;
  limit: number;
  order: "asc" | "desc";
  after?: string | null;
  before?: string | null;
};

export type ListedMessage = { message: Message; spool: SentBySpool | null };

export type MessagePage =
  | { kind: "page"; messages: ListedMessage[]; hasMore: boolean; firstId: string | null; lastId: string | null }
  /** The upstream answered 404: the thread was deleted there (or never was there). */
  | { kind: "missing" };

/**
 * One page of `GET /threads/{id}/messages` through the SDK, each message marked when Spool
 * sent it; what the page shows about the thread's messages is also remembered for the list.
 */
export async function listMessages(deps: ServiceDeps, input: ListMessagesInput): Promise<MessagePage> {
  const { db } = deps;
  const thread = await findStoredThread(db, input.threadId);
  const query: MessageListQuery = { limit: input.limit, order: input.order };
  if (input.after) query.after = input.after;
  if (input.before) query.before = input.before;

  let page: UpstreamMessagePage;
  try {
    page = await deps.upstream.listMessages(input.threadId, query);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    if (error.failure.status === 404) return { kind: "missing" };
    throw listFailure(error);
  }
  const messages = page.data;
  const wholeThread = !input.after && !input.before && !page.has_more;
  await rememberWhatWasSeen(db, input.threadId, messages, wholeThread);

  const marks = await sentBySpool(db, { id: thread.id, createdAt: Number(thread.createdAt) }, messages);
  return {
    kind: "page",
    messages: messages.map((message) => ({ message, spool: marks.get(message.id) ?? null })),
    hasMore: page.has_more,
    firstId: messages[0]?.id ?? null,
    lastId: messages[messages.length - 1]?.id ?? null,
  };
}

/** The list page's count (exact only when one page held the whole thread) and last activity. */
async function rememberWhatWasSeen(db: Database, threadId: string, messages: Message[], wholeThread: boolean) {
  // In unix seconds, whatever unit the upstream wrote (messageTimeSeconds); times that cannot be ones are skipped.
  const newest = messages.reduce<number | null>((max, message) => {
    const at = messageTimeSeconds(message.created_at);
    return at !== null && (max === null || at > max) ? at : max;
  }, null);
  if (newest === null && !wholeThread) return;
  const count = wholeThread ? messages.length : null;
  await db.$executeRaw`
    UPDATE "threads"
    SET "message_count" = COALESCE(${count}::integer, "message_count"),
        "last_activity_at" = CASE WHEN ${newest}::bigint IS NULL THEN "last_activity_at"
          ELSE GREATEST(COALESCE("last_activity_at", '-infinity'), to_timestamp(${newest}::bigint)) END
    WHERE "id" = ${threadId}`;
}
