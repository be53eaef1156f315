import "server-only";
import { Stream } from "openai/streaming";
import { threadCreateRequestSchema, type ThreadCreateRequest } from "~/lib/thread-request/schema";
import { parseUpstreamThread, type UpstreamThread } from "~/server/upstream/upstream-thread";
import type { GatewayContext } from "./gateway-context";
import { RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { parseOrRefuse } from "./input-refusal";
import { recordRunThread } from "./record-run-thread";
import { readJsonBody } from "./request-body";
import { capturingUpstream } from "./upstream-capture";
import { forwardRequest } from "./upstream-forward";

/**
 * `POST /v1/threads/runs` (create-and-run) makes a thread too. The request goes through
 * unchanged; the thread is recorded from the run's `thread_id`, or from the stream's
 * `thread.created` event while the stream passes through untouched.
 */
export async function createAndRunThroughGateway(ctx: GatewayContext, request: Request): Promise<Response> {
  const { bytes, json } = await readJsonBody(request, RECORDED_BODY_MAX_BYTES);
  const threadPart = typeof json === "object" && json !== null ? (json as { thread?: unknown }).thread : undefined;
  const threadRequest: ThreadCreateRequest = threadPart == null ? {} : parseOrRefuse(threadCreateRequestSchema, threadPart, ["thread"]);
  await ctx.createLimit.consume(`api-key:${ctx.holder.id}`);

  const answer = await forwardRequest(ctx.target, request, { maxBodyBytes: RECORDED_BODY_MAX_BYTES, body: bytes });
  if (!answer.ok || !answer.body) return answer;
  const record = (thread: UpstreamThread) => recordRunThread(ctx.db, { thread, request: threadRequest, createdBy: ctx.holder.name });

  if (answer.headers.get("content-type")?.includes("text/event-stream")) {
    const [toCaller, toRecorder] = answer.body.tee();
    void recordFromEvents(toRecorder, record);
    return new Response(toCaller, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  }

  const text = await answer.text();
  const threadId = runThreadId(text);
  if (threadId) {
    // The run names its thread; the thread object itself comes from the upstream.
    const { upstream } = capturingUpstream(ctx.target, request.headers);
    await upstream
      .retrieveThread(threadId)
      .then((thread) => record(thread))
      .catch((error: unknown) => logNotRecorded(threadId, error));
  }
  return new Response(text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

/** Reads the copy of the stream until `thread.created`, then lets it go (the caller's copy runs on). */
async function recordFromEvents(stream: ReadableStream<Uint8Array>, record: (thread: UpstreamThread) => Promise<void>) {
  const events = Stream.fromSSEResponse<{ event: string; data: unknown }>(new Response(stream), new AbortController());
  try {
    for await (const { event, data } of events) {
      if (event !== "thread.created") continue;
      // Read as any thread answer is (milliseconds told from seconds, the event's JSON kept as text).
      const thread = parseUpstreamThread(JSON.stringify(data), 200);
      await record(thread).catch((error: unknown) => logNotRecorded(thread.id, error));
      break;
    }
  } catch {
    // A stream that breaks off or is not SSE after all: the caller sees it as it is.
  }
}

function runThreadId(text: string): string | null {
  try {
    const run = JSON.parse(text) as { thread_id?: unknown };
    return typeof run.thread_id === "string" ? run.thread_id : null;
  } catch {
    return null;
  }
}

function logNotRecorded(threadId: string, error: unknown) {
  console.error(`[spool] thread ${threadId} was created by a run through the gateway but could not be recorded; import it by id:`, error instanceof Error ? error.name : typeof error);
}
