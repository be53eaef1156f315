// Calls Spool's tRPC procedures over real HTTP, as the browser's client does (the input as
// plain JSON, the answer in superjson's `{"json": …}` envelope, no batching), and sorts every
// answer into what the run counts. The request wire format lives here only: the fault run and
// both benches build their requests with `createRequestBody` and `queryUrl`. With several
// instances each request goes to the next one in turn, as a round-robin balancer does.

/** What Spool said to one HTTP try. */
export type Answer =
  | { kind: "created"; status: number; threadId: string }
  | {
      kind: "refused";
      status: number;
      code: string;
      message: string;
      /** Set when the upstream's own answer decided it (the attempt's outcome). */
      upstream: { outcome: "FAILED" | "UNKNOWN"; attemptId: string } | null;
      /** Through the gateway: the upstream's own answer, passed back unchanged (not Spool speaking). */
      passedBack?: boolean;
    }
  | { kind: "transport"; error: string };

/** One row of the Attempts list, as the page gets it. */
export type ListedAttempt = { id: string; status: "UNKNOWN" | "FAILED"; ownerMayFinish: boolean };

export type SpoolClient = {
  create(body: string, headers?: Record<string, string>): Promise<Answer>;
  page(path: string): Promise<{ status: number; html: string }>;
  /** Every attempt the Attempts page lists right now (all pages), or null if Spool did not answer. */
  listAttempts(): Promise<ListedAttempt[] | null>;
};

/** Every body Spool sent back, kept for the key-canary scan. */
export type ResponseSink = (body: string) => void;

const CREATE_TIMEOUT_MS = 60_000;

/** The body of a `threads.create` call: the input as plain JSON (src/trpc/transformer.ts). */
export function createRequestBody(input: unknown): string {
  return JSON.stringify(input);
}

/** The URL of a tRPC query (GET, the input as plain JSON in the query string). */
export function queryUrl(baseUrl: string, procedure: string, input: unknown): string {
  return `${baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** `baseUrls`: one instance, or several taken in turn. */
export function spoolClient(baseUrls: string | string[], sink: ResponseSink): SpoolClient {
  const urls = typeof baseUrls === "string" ? [baseUrls] : baseUrls;
  let turn = 0;
  const nextUrl = () => urls[turn++ % urls.length]!;
  return {
    async create(body, headers = {}) {
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${nextUrl()}/api/trpc/threads.create`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
          signal: AbortSignal.timeout(CREATE_TIMEOUT_MS),
        });
        text = await response.text();
      } catch (error) {
        return { kind: "transport", error: describeTransportError(error) };
      }
      sink(text);
      return parseAnswer(response.status, text);
    },
    async page(path) {
      const response = await fetch(`${nextUrl()}${path}`, { signal: AbortSignal.timeout(CREATE_TIMEOUT_MS) });
      const html = await response.text();
      sink(html);
      return { status: response.status, html };
    },
    async listAttempts() {
      const items: ListedAttempt[] = [];
      let cursor: string | null = null;
      do {
        try {
          const response: Response = await fetch(queryUrl(nextUrl(), "attempts.list", { limit: 100, cursor }), { signal: AbortSignal.timeout(10_000) });
          const text: string = await response.text();
          sink(text);
          if (!response.ok) return null;
          const page: { items: ListedAttempt[]; nextCursor: string | null } = (JSON.parse(text) as { result: { data: { json: { items: ListedAttempt[]; nextCursor: string | null } } } }).result.data.json;
          items.push(...page.items);
          cursor = page.nextCursor;
        } catch {
          return null;
        }
      } while (cursor);
      return items;
    },
  };
}

/** tRPC's envelope: `{"result":{"data":{"json":…}}}` or `{"error":{"json":{message, data}}}`. */
function parseAnswer(status: number, text: string): Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not tRPC's answer at all (e.g. a proxy page): keep the status, which is what the run judges.
    return { kind: "refused", status, code: "NOT_TRPC", message: text.slice(0, 200), upstream: null };
  }
  const body = parsed as {
    result?: { data?: { json?: { id?: string } } };
    error?: { json?: { message?: string; data?: { code?: string; upstream?: { outcome: "FAILED" | "UNKNOWN"; attemptId: string } | null } } };
  };
  const threadId = body.result?.data?.json?.id;
  if (status === 200 && threadId) return { kind: "created", status, threadId };
  const error = body.error?.json;
  return {
    kind: "refused",
    status,
    code: error?.data?.code ?? "UNKNOWN_SHAPE",
    message: error?.message ?? text.slice(0, 200),
    upstream: error?.data?.upstream ?? null,
  };
}

function describeTransportError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.name : String(error));
}

/** Spool or its database is restarting: a client (or the tRPC link's retry) tries again. */
export function isTransient(answer: Answer): boolean {
  return answer.kind === "transport" || (answer.kind === "refused" && answer.status === 503);
}
