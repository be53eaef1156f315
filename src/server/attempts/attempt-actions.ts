import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { threadCreateRequestSchema } from "~/lib/thread-request/schema";
import type { ServiceDeps } from "~/server/context";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { Database } from "~/server/prisma";
import { createThread } from "~/server/threads/thread-service";
import { attemptSummarySelect, type AttemptRow } from "./attempt-selects";

/** Attempts a person can act on: no thread, not retried, not dismissed. */
const actionable = {
  status: { in: ["UNKNOWN", "FAILED"] },
  dismissedAt: null,
  retriedAs: { is: null },
} satisfies Prisma.CreateAttemptWhereInput;

export type AttemptSummary = Omit<AttemptRow, "request"> & {
  /** What the request looked like, for recognising it: first message, metadata. */
  messageCount: number;
  firstMessage: string | null;
  metadata: Record<string, string>;
};

export async function listAttempts(db: Database, input: { limit: number; cursor?: string | null }) {
  const rows = await db.createAttempt.findMany({
    where: actionable,
    select: attemptSummarySelect,
    take: input.limit + 1,
    cursor: input.cursor ? { id: input.cursor } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const next = rows.length > input.limit ? rows.pop() : undefined;
  return { items: rows.map(summarise), nextCursor: next?.id ?? null };
}

export async function countAttempts(db: Database): Promise<number> {
  return db.createAttempt.count({ where: actionable });
}

/**
 * Sends the attempt's exact request again, as a new attempt linked to it. The new
 * attempt's key is derived from the old one, so pressing Retry twice (two tabs, a
 * double click) sends it once.
 */
export async function retryAttempt(deps: ServiceDeps, input: { id: string; actor: string | null }) {
  const original = await deps.db.createAttempt.findUnique({
    where: { id: input.id },
    select: { id: true, status: true, request: true, threadId: true },
  });
  if (!original) throw new NotFoundError(`No create attempt with id '${input.id}'.`);
  if (original.status === "CREATED") {
    throw new ConflictError(`Attempt '${input.id}' already created thread ${original.threadId}; there is nothing to retry.`);
  }
  if (original.status === "PENDING") {
    throw new ConflictError(`Attempt '${input.id}' is still waiting for the upstream; retry once it has finished.`);
  }
  // Stored requests passed this schema when they were made; parsing again keeps the type honest.
  const request = threadCreateRequestSchema.parse(original.request);
  return createThread(deps, { idempotencyKey: `retry:${original.id}`, request, createdBy: input.actor, retryOfId: original.id });
}

export async function dismissAttempt(db: Database, input: { id: string; actor: string | null }) {
  const { count } = await db.createAttempt.updateMany({
    where: { id: input.id, status: { in: ["UNKNOWN", "FAILED"] }, dismissedAt: null },
    data: { dismissedAt: new Date(), dismissedBy: input.actor },
  });
  if (count > 0) return { id: input.id, dismissed: true };
  const attempt = await db.createAttempt.findUnique({ where: { id: input.id }, select: { status: true, dismissedAt: true } });
  if (!attempt) throw new NotFoundError(`No create attempt with id '${input.id}'.`);
  if (attempt.dismissedAt) return { id: input.id, dismissed: true };
  throw new ConflictError(
    `Attempt '${input.id}' is ${attempt.status === "CREATED" ? "a created thread" : "still waiting for the upstream"}; only failed or unknown attempts can be dismissed.`,
  );
}

function summarise({ request, ...row }: AttemptRow): AttemptSummary {
  const parsed = threadCreateRequestSchema.safeParse(request);
  const body = parsed.success ? parsed.data : {};
  const first = body.messages?.[0]?.content;
  const firstMessage =
    typeof first === "string"
      ? first
      : (first?.map((part) => (part.type === "text" ? part.text : "")).join(" ").trim() ?? null);
  return {
    ...row,
    messageCount: body.messages?.length ?? 0,
    firstMessage: firstMessage ? firstMessage.slice(0, 280) : null,
    metadata: { ...(body.metadata ?? {}) } as Record<string, string>,
  };
}
