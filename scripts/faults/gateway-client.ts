// Thread creates through Spool's /v1 gateway with the official `openai` SDK, as a team's
// service makes them: a Spool key, the SDK's own automatic retries left on (its default two,
// each marked `X-Stainless-Retry-Count`). Every HTTP try goes to the next instance in turn, as
// a round-robin balancer in front would send it, and is kept, sorted as spool-client.ts sorts
// the tRPC answers.
import OpenAI from "openai";
import type { Answer, ResponseSink } from "./spool-client";

export type ThreadRequest = OpenAI.Beta.ThreadCreateParams;

export type GatewayClient = {
  /** One `threads.create` call; every HTTP try the SDK made for it, the last one deciding. */
  create(request: ThreadRequest, headers?: Record<string, string>): Promise<Answer[]>;
};

const CREATE_TIMEOUT_MS = 60_000;

export function gatewayClient(baseUrls: string[], apiKey: string, sink: ResponseSink): GatewayClient {
  let turn = 0;
  return {
    async create(request, headers) {
      const tries: Answer[] = [];
      const client = new OpenAI({
        apiKey,
        baseURL: `${baseUrls[0]}/v1`,
        timeout: CREATE_TIMEOUT_MS,
        fetch: async (url: string | URL | Request, init?: RequestInit) => {
          const target = new URL(String(url));
          const instance = new URL(baseUrls[turn++ % baseUrls.length]!);
          target.host = instance.host;
          try {
            const response = await fetch(target, init);
            const text = await response.clone().text();
            sink(text);
            tries.push(answerOf(response, text));
            return response;
          } catch (error) {
            tries.push({ kind: "transport", error: describe(error) });
            throw error;
          }
        },
      });
      await client.beta.threads.create(request, headers ? { headers } : undefined).catch(() => {});
      return tries;
    },
  };
}

/** The gateway's answer: the thread, or an error in the contract's shape (Spool's own, or the upstream's passed back). */
function answerOf(response: Response, text: string): Answer {
  let body: { id?: unknown; error?: { message?: unknown; code?: unknown } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON at all: the status is what the run judges.
  }
  if (response.status === 200 && typeof body.id === "string") return { kind: "created", status: 200, threadId: body.id };
  const message = typeof body.error?.message === "string" ? body.error.message : text.slice(0, 200);
  const named = /create attempt ([0-9a-f-]{36}) \((FAILED|UNKNOWN)\)/.exec(message);
  return {
    kind: "refused",
    status: response.status,
    code: typeof body.error?.code === "string" ? body.error.code : "NONE",
    message,
    upstream: named ? { attemptId: named[1]!, outcome: named[2] as "FAILED" | "UNKNOWN" } : null,
    // The upstream's own answer carries its request id; Spool's own answers have none.
    passedBack: response.headers.has("x-request-id"),
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.name : String(error));
}
