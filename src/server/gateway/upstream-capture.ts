import "server-only";
import { createAssistantsUpstream, type AssistantsUpstream } from "~/server/upstream/assistants-client";
import { isNullBodyStatus, upstreamFetch } from "~/server/upstream/upstream-fetch";
import { upstreamRequestHeaders, type UpstreamTarget } from "./upstream-forward";

/** The upstream's last answer, exactly as it came: what the gateway passes back to the caller. */
export type CapturedAnswer = { status: number; headers: Headers; body: string };

/** Set by the SDK itself, for its own request. */
const SDK_OWN_HEADERS = ["authorization", "content-type", "content-length", "accept", "accept-encoding", "user-agent", "idempotency-key"];

/**
 * The upstream for one gateway request, for the services Spool records through
 * (`createThread`, `updateThread`, `deleteThread`): it carries the caller's own headers
 * (`OpenAI-Organization`, `OpenAI-Project`, `OpenAI-Beta`, …) and keeps the upstream's raw
 * answer, so the caller gets that answer unchanged, not Spool's re-rendering of it.
 */
export function capturingUpstream(target: UpstreamTarget & { timeoutMs: number }, callerHeaders: Headers) {
  let last: CapturedAnswer | null = null;
  const forwarded = upstreamRequestHeaders(target, callerHeaders, SDK_OWN_HEADERS);
  const defaultHeaders = Object.fromEntries([...forwarded].filter(([name]) => !name.startsWith("x-stainless-") && name !== "authorization"));
  const upstream: AssistantsUpstream = createAssistantsUpstream({
    apiKey: target.apiKey,
    baseURL: target.baseURL,
    timeoutMs: target.timeoutMs,
    defaultHeaders,
    fetch: async (url, init) => {
      last = null;
      const response = await upstreamFetch(url, init);
      // Read once and handed to the SDK as read (no `clone()`: its tee costs more than the
      // answer). An answer cut midway throws here, as the SDK's own read of it would.
      const body = await response.text();
      last = { status: response.status, headers: new Headers(response.headers), body };
      return new Response(isNullBodyStatus(response.status) ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  });
  return { upstream, lastAnswer: (): CapturedAnswer | null => last };
}
