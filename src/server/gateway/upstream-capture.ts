import "server-only";
import OpenAI from "openai";
import { createAssistantsClient } from "~/server/upstream/assistants-client";
import { upstreamRequestHeaders, type UpstreamTarget } from "./upstream-forward";

/** The upstream's last answer, exactly as it came: what the gateway passes back to the caller. */
export type CapturedAnswer = { status: number; headers: Headers; body: string };

/**
 * An SDK client for one gateway request, for the services Spool records through
 * (`createThread`, `updateThread`, `deleteThread`): it carries the caller's own headers
 * (`OpenAI-Organization`, `OpenAI-Project`, `OpenAI-Beta`, …) upstream and keeps the
 * upstream's raw answer, so the caller gets that answer unchanged, not Spool's re-rendering.
 */
export function capturingClient(target: UpstreamTarget & { timeoutMs: number }, callerHeaders: Headers) {
  let last: CapturedAnswer | null = null;
  // The SDK sets these itself, for its own request.
  const forwarded = upstreamRequestHeaders(target, callerHeaders, ["authorization", "content-type", "content-length", "accept", "accept-encoding", "user-agent", "idempotency-key"]);
  const defaultHeaders = Object.fromEntries([...forwarded].filter(([name]) => !name.startsWith("x-stainless-") && name !== "authorization"));
  const client = createAssistantsClient({ apiKey: target.apiKey, baseURL: target.baseURL, timeoutMs: target.timeoutMs });
  const captured = client.withOptions({
    defaultHeaders,
    fetch: async (url: string | URL | Request, init?: RequestInit) => {
      last = null;
      const response = await fetch(url, init);
      const body = await response.clone().text().catch(() => null);
      if (body !== null) last = { status: response.status, headers: new Headers(response.headers), body };
      return response;
    },
  });
  return { client: captured as OpenAI, lastAnswer: (): CapturedAnswer | null => last };
}
