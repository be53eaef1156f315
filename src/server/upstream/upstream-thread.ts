import "server-only";
import { z } from "zod";
import { threadIdSchema } from "~/lib/thread-id";
import type { UpstreamFailure } from "./upstream-failure";

/**
 * A thread object as an Assistants-compatible server answered it, read for what Spool
 * stores in columns, with the body kept exactly as sent (`text`). Servers differ:
 * Model Studio sends `created_at` in milliseconds, UUID-style ids, `metadata: null` and a
 * `request_id`; a Responses-backed shim may leave out `tool_resources`. Only the id must be
 * usable; everything else is taken as it comes and the text keeps what the columns cannot.
 */
export type UpstreamThread = {
  id: string;
  object: string;
  /** Unix seconds, whatever unit the server used. */
  createdAt: number;
  metadata: Record<string, string>;
  toolResources: Record<string, unknown> | null;
  /** The parsed body, unknown fields included. */
  body: Record<string, unknown>;
  /** The body as the server sent it. */
  text: string;
};

/** A thread object far past any real one is not read into the database. */
export const MAX_ANSWER_CHARS = 1024 * 1024;

// Unix seconds reach 1e11 in the year 5138; milliseconds passed 1e11 in 1973, microseconds
// passed 1e14 in 1973, nanoseconds 1e17 in 1973. So the magnitude says the unit.
const UNITS_PER_SECOND: Array<[below: number, divisor: number]> = [
  [1e11, 1],
  [1e14, 1e3],
  [1e17, 1e6],
  [Number.POSITIVE_INFINITY, 1e9],
];

/** `created_at` in unix seconds, told apart from milliseconds (and finer) by its size. */
export function normaliseCreatedAt(value: number): number {
  const divisor = UNITS_PER_SECOND.find(([below]) => Math.abs(value) < below)![1];
  return Math.floor(value / divisor);
}

// 9999-12-31T23:59:59Z: past it, neither JavaScript's ISO strings nor a PostgreSQL timestamp
// column can take a time as they take the rest.
const LAST_PLAUSIBLE_SECOND = 253_402_300_799;

/**
 * A message's `created_at` as unix seconds, or null when it cannot be a time (negative, not
 * finite, past the year 9999): the thread's last activity is then left as it was, not set
 * to the year 56203 a millisecond value read as seconds would give.
 */
export function messageTimeSeconds(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const seconds = normaliseCreatedAt(value);
  return seconds >= 0 && seconds <= LAST_PLAUSIBLE_SECOND ? seconds : null;
}

const answerSchema = z.looseObject({
  id: threadIdSchema,
  object: z.string().max(100).catch("thread"),
  // A number, or a numeric string from a lenient server; missing or nonsense is "not said".
  created_at: z
    .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)])
    .pipe(z.number().finite().min(0))
    .optional()
    .catch(undefined),
  metadata: z.unknown().optional(),
  tool_resources: z.unknown().optional(),
});

/** The upstream answered 2xx, so it probably made a thread, but Spool cannot tell which. */
export class UnreadableThreadAnswerError extends Error {
  override name = "UnreadableThreadAnswerError";

  constructor(
    readonly status: number,
    readonly problem: string,
  ) {
    super(`The upstream answered ${status} with ${problem}`);
  }

  get failure(): UpstreamFailure {
    return {
      outcome: "UNKNOWN",
      status: this.status,
      message: `The upstream answered ${this.status} but Spool cannot read a thread from it (${this.problem}); it may have created a thread.`,
    };
  }
}

/** Reads a successful answer (`.asResponse()` of an SDK call) as a thread object. */
export async function readUpstreamThread(response: Response, now: () => number = Date.now): Promise<UpstreamThread> {
  const text = await response.text();
  return parseUpstreamThread(text, response.status, now);
}

export function parseUpstreamThread(text: string, status: number, now: () => number = Date.now): UpstreamThread {
  if (text.length > MAX_ANSWER_CHARS) throw new UnreadableThreadAnswerError(status, `an answer of ${text.length} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnreadableThreadAnswerError(status, "a body that is not JSON");
  }
  const result = answerSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UnreadableThreadAnswerError(status, `${issue.path.join(".") || "the body"}: ${issue.message}`);
  }
  const answer = result.data;
  return {
    id: answer.id,
    object: answer.object,
    // A server that does not say when is recorded as created when Spool heard of it.
    createdAt: answer.created_at === undefined ? Math.floor(now() / 1000) : normaliseCreatedAt(answer.created_at),
    metadata: metadataOf(answer.metadata),
    toolResources: isRecord(answer.tool_resources) ? answer.tool_resources : null,
    // As parsed, not as read: the server's own values, untouched.
    body: parsed as Record<string, unknown>,
    text,
  };
}

/** The contract says string values; a number or object from some server is kept as its JSON text. */
function metadataOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === "string" ? item : JSON.stringify(item)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
