import "server-only";
import { recordAddedMessage, type AddedMessageFacts } from "~/server/messages/record-added-message";
import { countUpstreamCall, type GatewayContext } from "./gateway-context";
import { PASS_THROUGH_BODY_MAX_BYTES, RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { readJsonBody } from "./request-body";
import { forwardRequest } from "./upstream-forward";

/**
 * `POST /v1/threads/{id}/messages` on a recorded thread: passed through unchanged, and once
 * the upstream has made the message, a line in the thread's history by the key's name.
 */
export async function addMessageThroughGateway(ctx: GatewayContext, request: Request, threadId: string): Promise<Response> {
  const stored = await ctx.db.thread.findUnique({ where: { id: threadId }, select: { id: true } });
  await countUpstreamCall(ctx.callLimit, ctx.holder);
  if (!stored) return forwardRequest(ctx.target, request, { maxBodyBytes: PASS_THROUGH_BODY_MAX_BYTES });

  const { bytes } = await readJsonBody(request, RECORDED_BODY_MAX_BYTES);
  const answer = await forwardRequest(ctx.target, request, { maxBodyBytes: RECORDED_BODY_MAX_BYTES, body: bytes });
  if (!answer.ok) return answer;
  const text = await answer.text();
  const message = parseMessage(text);
  if (message) {
    await ctx.db
      .$transaction((tx) => recordAddedMessage(tx, { threadId, message, actor: ctx.holder.name, via: "gateway" }))
      .catch((error: unknown) => console.error(`[spool] a message added to thread ${threadId} could not be put in its history:`, error instanceof Error ? error.name : typeof error));
  }
  return new Response(text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

/** The facts the history and the list's count need, from the upstream's message object. */
function parseMessage(text: string): AddedMessageFacts | null {
  try {
    const message = JSON.parse(text) as { id?: unknown; role?: unknown; created_at?: unknown };
    if (typeof message.id !== "string") return null;
    return {
      id: message.id,
      role: typeof message.role === "string" ? message.role : "user",
      created_at: typeof message.created_at === "number" ? message.created_at : Math.floor(Date.now() / 1000),
    };
  } catch {
    return null;
  }
}
