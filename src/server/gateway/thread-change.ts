import "server-only";
import { threadModifyRequestSchema } from "~/lib/thread-request/schema";
import { deleteThread } from "~/server/threads/delete-thread";
import { updateThread } from "~/server/threads/update-thread";
import { countUpstreamCall, type GatewayContext } from "./gateway-context";
import { PASS_THROUGH_BODY_MAX_BYTES, RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { parseOrRefuse } from "./input-refusal";
import { readJsonBody } from "./request-body";
import { passBack, serviceErrorResponse } from "./service-error-response";
import { capturingUpstream } from "./upstream-capture";
import { forwardRequest } from "./upstream-forward";

/**
 * `POST /v1/threads/{id}` and `DELETE /v1/threads/{id}` on a thread Spool records: the
 * dashboard's own update and delete, so the record and its Activity follow, by the key's
 * name. A thread Spool does not record (or already marked deleted) is passed through.
 */
export async function changeThreadThroughGateway(ctx: GatewayContext, request: Request, threadId: string): Promise<Response> {
  const stored = await ctx.db.thread.findUnique({ where: { id: threadId }, select: { deletedAt: true } });
  if (!stored || stored.deletedAt) {
    await countUpstreamCall(ctx.callLimit, ctx.holder);
    return forwardRequest(ctx.target, request, { maxBodyBytes: PASS_THROUGH_BODY_MAX_BYTES });
  }

  const modify = request.method === "POST" ? parseOrRefuse(threadModifyRequestSchema, (await readJsonBody(request, RECORDED_BODY_MAX_BYTES)).json) : null;
  await countUpstreamCall(ctx.callLimit, ctx.holder);
  const upstream = capturingUpstream(ctx.target, request.headers);
  const deps = { db: ctx.db, upstream: upstream.upstream };
  try {
    const result = modify
      ? await updateThread(deps, { id: threadId, request: modify, actor: ctx.holder.name })
      : await deleteThread(deps, { id: threadId, actor: ctx.holder.name });
    const answer = upstream.lastAnswer();
    return answer ? passBack(answer, ctx.target.apiKey) : Response.json(result);
  } catch (error) {
    return serviceErrorResponse(error, upstream.lastAnswer(), ctx.target.apiKey);
  }
}
