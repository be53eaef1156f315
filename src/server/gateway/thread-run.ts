import "server-only";
import OpenAI from "openai";
import { Stream } from "openai/streaming";
import { threadCreateRequestSchema, type ThreadCreateRequest } from "~/lib/thread-request/schema";
import { UpstreamError } from "~/server/errors";
import { createThread } from "~/server/threads/thread-service";
import type { AssistantsUpstream } from "~/server/upstream/assistants-client";
import { describeUpstreamFailure, type UpstreamFailure } from "~/server/upstream/upstream-failure";
import { parseUpstreamThread, type UpstreamThread } from "~/server/upstream/upstream-thread";
import { attemptKeyFor, callerKeyOf, type CreatedAttempt } from "./create-attempt-key";
import { countUpstreamCall, type GatewayContext } from "./gateway-context";
import { errorResponse } from "./gateway-errors";
import { RECORDED_BODY_MAX_BYTES } from "./gateway-limits";
import { parseOrRefuse } from "./input-refusal";
import { readJsonBody } from "./request-body";
import { serviceErrorResponse } from "./service-error-response";
import { capturingUpstream } from "./upstream-capture";
import { forwardRequest } from "./upstream-forward";

/**
 * `POST /v1/threads/runs` (create-and-run) makes a thread too, so it is a create like
 * `POST /v1/threads`: the same `createThread` (attempt committed before the upstream call,
 * CREATED/FAILED/UNKNOWN, one record step), the same Idempotency-Key and SDK-retry rules,
 * and only the upstream call differs: the caller's request goes up byte for byte, its
 * answer (a run, or an event stream) comes back unchanged, and the thread is read from it.
 */
export async function createAndRunThroughGateway(ctx: GatewayContext, request: Request): Promise<Response> {
  const { bytes, json } = await readJsonBody(request, RECORDED_BODY_MAX_BYTES);
  const threadPart = typeof json === "object" && json !== null ? (json as { thread?: unknown }).thread : undefined;
  const threadRequest: ThreadCreateRequest = threadPart == null ? {} : parseOrRefuse(threadCreateRequestSchema, threadPart, ["thread"]);
  const callerKey = callerKeyOf(request);
  await countUpstreamCall(ctx.callLimit, ctx.holder);
  const attempt = await attemptKeyFor(ctx, { kind: "run", callerKey, headers: request.headers, bytes, created: alreadyRunAnswer });
  if (attempt instanceof Response) return attempt;
  const { idempotencyKey, remember } = attempt;

  const run = createAndRunUpstream(ctx, request, bytes);
  try {
    await createThread({ db: ctx.db, upstream: run.upstream }, { idempotencyKey, request: threadRequest, createdBy: ctx.holder.name, remember });
  } catch (error) {
    // Where the upstream answered, the caller gets that answer: an upstream error as it came,
    // and a run whose thread Spool could not record is still the caller's run.
    return run.answer() ?? serviceErrorResponse(error, null, ctx.target.apiKey);
  }
  // No upstream answer: an Idempotency-Key repeat of a create-and-run already done.
  return run.answer() ?? alreadyRunAnswer(await ctx.db.createAttempt.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true, threadId: true } }));
}

/**
 * A repeat of a create-and-run that made its thread. Its answer was a run (or a stream)
 * Spool does not keep, so it cannot be replayed; running again would start a second run.
 * A 409 naming the attempt and its thread says where the first one's run is.
 */
function alreadyRunAnswer(attempt: Pick<CreatedAttempt, "id"> & { threadId: string | null }): Response {
  return errorResponse(409, {
    message:
      `This repeats create-and-run attempt ${attempt.id}, which already created thread ${attempt.threadId} and started its run. ` +
      `Spool does not start a second run; the first one is listed by GET /v1/threads/${attempt.threadId}/runs.`,
    code: "create_and_run_already_done",
  });
}

/**
 * The upstream for one create-and-run: its `createThread` sends the caller's request as it
 * came and returns the thread the upstream made, read from the run's `thread_id` (retrieved)
 * or from the stream's `thread.created` event; `answer()` is the upstream's answer for the
 * caller. Everything else is the capturing upstream's, with the caller's headers.
 */
function createAndRunUpstream(ctx: GatewayContext, request: Request, bytes: Uint8Array<ArrayBuffer>) {
  let answer: Response | null = null;
  const reader = capturingUpstream(ctx.target, request.headers).upstream;
  const failed = (error: unknown) => new UpstreamError(describeUpstreamFailure(error, ctx.target.apiKey));

  const createThreadAndRun = async (): Promise<UpstreamThread> => {
    const timeout = new AbortController();
    // OPENAI_TIMEOUT_MS bounds the wait for the thread; a stream then runs as long as it runs.
    const timer = setTimeout(() => timeout.abort(), ctx.target.timeoutMs);
    try {
      let response: Response;
      try {
        response = await forwardRequest(ctx.target, request, { maxBodyBytes: RECORDED_BODY_MAX_BYTES, body: bytes, signal: AbortSignal.any([request.signal, timeout.signal]) });
      } catch (error) {
        throw failed(timeout.signal.aborted ? new OpenAI.APIConnectionTimeoutError() : new OpenAI.APIConnectionError({ cause: error as Error }));
      }
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => "");
        answer = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
        throw failed(OpenAI.APIError.generate(response.status, jsonOrUndefined(text), text ? undefined : response.statusText, response.headers));
      }
      try {
        if (response.headers.get("content-type")?.includes("text/event-stream")) {
          const [toCaller, toReader] = response.body.tee();
          answer = new Response(toCaller, { status: response.status, statusText: response.statusText, headers: response.headers });
          const thread = await threadCreatedEvent(toReader);
          if (thread) return thread;
          throw new Error("The run's event stream ended before its thread.created event.");
        }
        const text = await response.text();
        answer = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
        const threadId = runThreadId(text);
        if (!threadId) throw new Error("The upstream's run has no thread_id.");
        // The run names its thread; the thread object itself comes from the upstream.
        return await reader.retrieveThread(threadId);
      } catch (error) {
        throw new UpstreamError(afterRunStarted(error instanceof UpstreamError ? error.failure : describeUpstreamFailure(error, ctx.target.apiKey)));
      }
    } finally {
      clearTimeout(timer);
    }
  };

  const upstream: AssistantsUpstream = { ...reader, createThread: createThreadAndRun };
  return { upstream, answer: (): Response | null => answer };
}

/**
 * The upstream took the run (it answered 2xx), so its thread may well exist even though
 * Spool could not learn it: UNKNOWN, never FAILED, and never repeated by Spool.
 */
function afterRunStarted(failure: UpstreamFailure): UpstreamFailure {
  return {
    outcome: "UNKNOWN",
    status: failure.status,
    message: `The upstream started the run, but Spool could not learn its thread (${failure.message}); it may exist upstream: import it by id.`,
  };
}

/** Reads the caller's stream's twin until `thread.created`, then lets it go (the caller's copy runs on). */
async function threadCreatedEvent(twin: ReadableStream<Uint8Array>): Promise<UpstreamThread | null> {
  const reader = twin.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    // Not awaited: a tee branch's cancel settles only once the caller's branch is done too.
    cancel() {
      void reader.cancel().catch(() => {});
    },
  });
  const events = Stream.fromSSEResponse<{ event: string; data: unknown }>(new Response(stream), new AbortController());
  for await (const { event, data } of events) {
    // Read as any thread answer is (milliseconds told from seconds, the event's JSON kept as text).
    if (event === "thread.created") return parseUpstreamThread(JSON.stringify(data), 200);
  }
  return null;
}

function runThreadId(text: string): string | null {
  const run = jsonOrUndefined(text) as { thread_id?: unknown } | undefined;
  return typeof run?.thread_id === "string" ? run.thread_id : null;
}

function jsonOrUndefined(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
