import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { recordThreadEvent } from "~/server/threads/thread-history";
import type { GatewayContext } from "./gateway-context";
import { PASS_THROUGH_BODY_MAX_BYTES, RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { readJsonBody } from "./request-body";
import { forwardRequest } from "./upstream-forward";

/** How much of a message's text its history line keeps. */
const TEXT_SHOWN = 500;

/**
 * `POST /v1/threads/{id}/messages` on a recorded thread: passed through unchanged, and once
 * the upstream has made the message, a line in the thread's history by the key's name.
 */
export async function addMessageThroughGateway(ctx: GatewayContext, request: Request, threadId: string): Promise<Response> {
  const stored = await ctx.db.thread.findUnique({ where: { id: threadId }, select: { id: true } });
  if (!stored) return forwardRequest(ctx.target, request, { maxBodyBytes: PASS_THROUGH_BODY_MAX_BYTES });

  const { bytes } = await readJsonBody(request, RECORDED_BODY_MAX_BYTES);
  const answer = await forwardRequest(ctx.target, request, { maxBodyBytes: RECORDED_BODY_MAX_BYTES, body: bytes });
  if (!answer.ok) return answer;
  const text = await answer.text();
  const message = parseMessage(text);
  if (message) {
    await ctx.db
      .$transaction((tx) => recordThreadEvent(tx, { threadId, kind: "MESSAGE_ADDED", actor: ctx.holder.name, detail: message }))
      .catch((error: unknown) => console.error(`[spool] a message added to thread ${threadId} could not be put in its history:`, error instanceof Error ? error.name : typeof error));
  }
  return new Response(text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

function parseMessage(text: string): Prisma.InputJsonObject | null {
  try {
    const message = JSON.parse(text) as { id?: unknown; role?: unknown; content?: unknown };
    if (typeof message.id !== "string") return null;
    const parts = Array.isArray(message.content) ? (message.content as Array<{ type?: unknown; text?: { value?: unknown } }>) : [];
    const words = parts.flatMap((part) => (part.type === "text" && typeof part.text?.value === "string" ? [part.text.value] : [])).join("\n");
    return { messageId: message.id, role: typeof message.role === "string" ? message.role : null, text: words.slice(0, TEXT_SHOWN) };
  } catch {
    return null;
  }
}
