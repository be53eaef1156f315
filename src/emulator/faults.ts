// Fault injection: a queue of one-shot (or n-shot) misbehaviours that the next matching request
// suffers. Targeting by a body substring lets parallel tests each trip only their own requests.
import { z } from "zod";

const timing = z.enum(["before", "after"]);

// Shared filters. `path` is an exact pathname, or a prefix when it ends with "*".
const target = {
  match: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  times: z.int().positive().optional(),
};

const latencyFault = z.strictObject({ ...target, kind: z.literal("latency"), ms: z.int().min(0).max(600_000) });

const statusFault = z.strictObject({
  ...target,
  kind: z.literal("status"),
  status: z.int().min(400).max(599),
  message: z.string().optional(),
  type: z.string().optional(),
  code: z.string().nullable().optional(),
  param: z.string().nullable().optional(),
  // The contract declares Retry-After as an integer number of seconds, minimum 1.
  retryAfter: z.int().min(1).optional(),
  // Sets `x-should-retry`, which the official SDKs obey over their own status heuristics.
  shouldRetry: z.boolean().optional(),
  when: timing.optional(),
});

const dropFault = z.strictObject({ ...target, kind: z.literal("drop"), when: timing.optional() });

// `when: "after"` hangs once the work is done: the client times out although the thread exists.
const hangFault = z.strictObject({ ...target, kind: z.literal("hang"), when: timing.optional() });

const fault = z.discriminatedUnion("kind", [latencyFault, statusFault, dropFault, hangFault]);

export type FaultTiming = z.infer<typeof timing>;
export type LatencyFault = z.infer<typeof latencyFault>;
export type StatusFault = z.infer<typeof statusFault>;
export type DropFault = z.infer<typeof dropFault>;
export type HangFault = z.infer<typeof hangFault>;
export type Fault = z.infer<typeof fault>;

export type FaultParse = { ok: true; faults: Fault[] } | { ok: false; message: string };

/** Accepts one fault or an array of them, as posted to the control endpoint. */
export function parseFaults(input: unknown): FaultParse {
  const parsed = z.union([fault, z.array(fault)]).safeParse(input);
  if (!parsed.success) {
    // The union's own issue is uninformative; re-parse the likely intent for a useful message.
    const focused = Array.isArray(input) ? z.array(fault).safeParse(input) : fault.safeParse(input);
    const first = (focused.success ? parsed.error : focused.error).issues[0];
    const where = first && first.path.length > 0 ? `${first.path.map(String).join(".")}: ` : "";
    return { ok: false, message: `Invalid fault: ${where}${first?.message ?? "unrecognised shape"}` };
  }
  return { ok: true, faults: Array.isArray(parsed.data) ? parsed.data : [parsed.data] };
}

export type FaultRequest = { method: string; path: string; body: string };

type Pending = { fault: Fault; remaining: number };

function pathMatches(pattern: string | undefined, pathname: string): boolean {
  if (pattern === undefined) return true;
  return pattern.endsWith("*") ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
}

export class FaultQueue {
  private queue: Pending[] = [];

  add(faults: Fault | readonly Fault[]): void {
    for (const item of Array.isArray(faults) ? faults : [faults]) {
      this.queue.push({ fault: structuredClone(item), remaining: item.times ?? 1 });
    }
  }

  clear(): number {
    const cleared = this.queue.length;
    this.queue = [];
    return cleared;
  }

  pending(): Array<Fault & { remaining: number }> {
    return this.queue.map(({ fault: item, remaining }) => ({ ...structuredClone(item), remaining }));
  }

  /** Consumes one use of the oldest fault that applies to this request. One fault per request. */
  take(request: FaultRequest): Fault | undefined {
    const index = this.queue.findIndex(
      ({ fault: item }) =>
        (item.method === undefined || item.method.toUpperCase() === request.method.toUpperCase()) &&
        pathMatches(item.path, request.path) &&
        (item.match === undefined || request.body.includes(item.match)),
    );
    const found = this.queue[index];
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.queue.splice(index, 1);
    return structuredClone(found.fault);
  }
}

export type ErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

// What the real API tends to say for these statuses, so the app's error handling sees
// realistic payloads unless a test asks for something specific.
const DEFAULT_ERRORS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: "Bad request.", type: "invalid_request_error", code: null },
  401: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" },
  403: { message: "You are not allowed to perform this request.", type: "invalid_request_error", code: null },
  404: { message: "Not found.", type: "invalid_request_error", code: null },
  409: { message: "Conflict.", type: "invalid_request_error", code: null },
  429: {
    message: "Rate limit reached for requests. Please try again later.",
    type: "requests",
    code: "rate_limit_exceeded",
  },
  500: {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    code: null,
  },
  502: { message: "Bad gateway.", type: "server_error", code: null },
  503: { message: "The server is overloaded or not ready yet.", type: "server_error", code: null },
  504: { message: "Gateway timeout.", type: "server_error", code: null },
};

export type FaultResponse = { status: number; headers: Record<string, string>; body: ErrorBody };

export function statusFaultResponse(item: StatusFault): FaultResponse {
  const defaults = DEFAULT_ERRORS[item.status] ?? {
    message: `Injected error with status ${item.status}.`,
    type: item.status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
  };
  const headers: Record<string, string> = {};
  if (item.retryAfter !== undefined) headers["retry-after"] = String(item.retryAfter);
  if (item.shouldRetry !== undefined) headers["x-should-retry"] = String(item.shouldRetry);
  return {
    status: item.status,
    headers,
    body: {
      error: {
        message: item.message ?? defaults.message,
        type: item.type ?? defaults.type,
        param: item.param ?? null,
        code: item.code === undefined ? defaults.code : item.code,
      },
    },
  };
}
