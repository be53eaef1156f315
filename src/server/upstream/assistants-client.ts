import "server-only";
import OpenAI from "openai";
import type { MessageCreateRequest, ThreadCreateRequest, ThreadModifyRequest } from "~/lib/thread-request/schema";
import { UpstreamError } from "~/server/errors";
import { serverEnv } from "~/server/env";
import { describeUpstreamFailure } from "./upstream-failure";
import { upstreamFetch } from "./upstream-fetch";
import { readUpstreamThread, type UpstreamThread } from "./upstream-thread";

export type { UpstreamThread };
export type UpstreamThreadDeleted = OpenAI.Beta.Threads.ThreadDeleted;
export type UpstreamMessage = OpenAI.Beta.Threads.Messages.Message;
export type MessageListQuery = { limit: number; order: "asc" | "desc"; after?: string; before?: string };
/** One page of a thread's messages, as `GET /threads/{id}/messages` answered it. */
export type UpstreamMessagePage = { data: UpstreamMessage[]; has_more: boolean };

/**
 * The Assistants calls Spool makes. Every failure is an UpstreamError whose message is
 * already scrubbed of the API key: the key never leaves this folder.
 */
export type AssistantsUpstream = {
  /** How long one call may take; stored on each create attempt (attempts/sweep-attempts.ts). */
  readonly timeoutMs: number;
  createThread(request: ThreadCreateRequest): Promise<UpstreamThread>;
  retrieveThread(id: string): Promise<UpstreamThread>;
  updateThread(id: string, request: ThreadModifyRequest): Promise<UpstreamThread>;
  deleteThread(id: string): Promise<UpstreamThreadDeleted>;
  listMessages(threadId: string, query: MessageListQuery): Promise<UpstreamMessagePage>;
  createMessage(threadId: string, request: MessageCreateRequest): Promise<UpstreamMessage>;
};

export type UpstreamFetch = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type UpstreamOptions = {
  apiKey: string;
  baseURL: string;
  timeoutMs: number;
  /** Sent with every call (the /v1 gateway passes on its caller's OpenAI-Organization and the like). */
  defaultHeaders?: Record<string, string>;
  /** The gateway's, to keep the upstream's raw answer for its caller; `upstreamFetch` by default. */
  fetch?: UpstreamFetch;
};

/**
 * The one way Spool talks to an Assistants server: the official SDK, pointed at
 * OPENAI_BASE_URL (a compatible server, or the built-in emulator over HTTP).
 */
export function createAssistantsUpstream(options: UpstreamOptions): AssistantsUpstream {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    // The SDK would retry a POST /threads after a 5xx or timeout, when the first one
    // may already have created the thread: a silent duplicate. Spool never lets it.
    maxRetries: 0,
    defaultHeaders: options.defaultHeaders,
    fetch: options.fetch ?? upstreamFetch,
  });
  const call = async <T>(send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      throw new UpstreamError(describeUpstreamFailure(error, options.apiKey));
    }
  };
  return {
    timeoutMs: options.timeoutMs,
    // Thread answers are read by Spool itself, body kept as sent (see upstream-thread.ts).
    createThread: (request) => call(async () => readUpstreamThread(await client.beta.threads.create(request).asResponse())),
    retrieveThread: (id) => call(async () => readUpstreamThread(await client.beta.threads.retrieve(id).asResponse())),
    updateThread: (id, request) => call(async () => readUpstreamThread(await client.beta.threads.update(id, request).asResponse())),
    deleteThread: (id) => call(() => client.beta.threads.delete(id)),
    // One page only: the SDK's auto-pagination would fetch the whole thread.
    listMessages: (threadId, query) =>
      call(async () => {
        const page = await client.beta.threads.messages.list(threadId, query);
        return { data: page.data, has_more: page.has_more };
      }),
    createMessage: (threadId, request) => call(() => client.beta.threads.messages.create(threadId, request)),
  };
}

let cached: AssistantsUpstream | undefined;

/** The process's upstream, configured from the environment. */
export function assistantsUpstream(): AssistantsUpstream {
  const env = serverEnv();
  cached ??= createAssistantsUpstream({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, timeoutMs: env.OPENAI_TIMEOUT_MS });
  return cached;
}
