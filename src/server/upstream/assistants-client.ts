import "server-only";
import OpenAI from "openai";
import { serverEnv } from "~/server/env";

/**
 * The one way Spool talks to an Assistants server: the official SDK, pointed at
 * OPENAI_BASE_URL (a compatible server, or the built-in emulator over HTTP).
 */
export type AssistantsClient = OpenAI;

export function createAssistantsClient(options: { apiKey: string; baseURL: string; timeoutMs: number }) {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    // The SDK would retry a POST /threads after a 5xx or timeout, when the first one
    // may already have created the thread: a silent duplicate. Spool never lets it.
    maxRetries: 0,
  });
}

let cached: AssistantsClient | undefined;

export function assistantsClient(): AssistantsClient {
  const env = serverEnv();
  cached ??= createAssistantsClient({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    timeoutMs: env.OPENAI_TIMEOUT_MS,
  });
  return cached;
}
