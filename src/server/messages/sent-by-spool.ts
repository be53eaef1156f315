import "server-only";
import type { Database } from "~/server/prisma";
import type { UpstreamMessage as Message } from "~/server/upstream/assistants-client";

/** How a listed message came from Spool: in the create request, or added later by someone. */
export type SentBySpool = { how: "creation" } | { how: "added"; by: string | null; at: Date; via: string };

/**
 * Marks the messages of one listed page that Spool sent. Added ones are found by id in the
 * thread's history. The create call's answer carries no message ids, so a message sent at
 * creation is recognised by what it is: created with the thread (same second, no run) and
 * equal in role and content to one Spool sent.
 */
export async function sentBySpool(
  db: Database,
  thread: { id: string; createdAt: number },
  messages: Message[],
): Promise<Map<string, SentBySpool>> {
  const marks = new Map<string, SentBySpool>();
  if (messages.length === 0) return marks;

  const added = await db.$queryRaw<Array<{ message_id: string; actor: string | null; at: Date; via: string | null }>>`
    SELECT "detail"->>'messageId' AS message_id, "actor", "at", "detail"->>'via' AS via
    FROM "thread_events"
    WHERE "thread_id" = ${thread.id} AND "kind" = 'MESSAGE_ADDED'
      AND "detail"->>'messageId' = ANY(${messages.map((message) => message.id)})`;
  for (const row of added) marks.set(row.message_id, { how: "added", by: row.actor, at: row.at, via: row.via ?? "page" });

  const candidates = messages.filter((message) => message.created_at === thread.createdAt && message.run_id === null && !marks.has(message.id));
  if (candidates.length === 0) return marks;
  const sent = await db.threadMessage.findMany({ where: { threadId: thread.id }, select: { role: true, content: true } });
  const signatures = new Set(sent.map((message) => signature(message.role, requestContentParts(message.content))));
  for (const message of candidates) {
    if (signatures.has(signature(message.role, message.content))) marks.set(message.id, { how: "creation" });
  }
  return marks;
}

type Part = { type: string; [key: string]: unknown };

/** A request's content as the upstream returns it: a string is one text part. */
function requestContentParts(content: unknown): Part[] {
  if (typeof content === "string") return [{ type: "text", text: { value: content } }];
  if (!Array.isArray(content)) return [];
  return content.map((part: Part) => (part.type === "text" ? { type: "text", text: { value: part.text } } : part));
}

/** Role and what each part says, ignoring what the upstream adds (annotations, default detail). */
function signature(role: string, parts: ReadonlyArray<object>): string {
  const said = parts.map((raw) => {
    const part = raw as Part & { text?: { value?: unknown }; image_url?: { url?: unknown }; image_file?: { file_id?: unknown } };
    if (part.type === "text") return ["text", part.text?.value];
    if (part.type === "image_url") return ["image_url", part.image_url?.url];
    if (part.type === "image_file") return ["image_file", part.image_file?.file_id];
    return [part.type];
  });
  return JSON.stringify([role, said]);
}
