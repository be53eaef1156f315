import "server-only";
import { createAssistantsUpstream, type AssistantsUpstream } from "~/server/upstream/assistants-client";
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
      const response = await fetch(url, init);
      const body = await response.clone().text().catch(() => null);
      if (body !== null) last = { status: response.status, headers: new Headers(response.headers), body };
      return response;
    },
  });
  return { upstream, lastAnswer: (): CapturedAnswer | null => last };
}
