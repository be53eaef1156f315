import "server-only";
import type { Prisma } from "~/generated/prisma/client";
import { threadCreateRequestSchema } from "~/lib/thread-request/schema";
import type { ServiceDeps } from "~/server/context";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { Database } from "~/server/prisma";
import { createThread } from "~/server/threads/thread-service";
import { attemptSummarySelect, type AttemptRow } from "./attempt-selects";
import { attemptsOwnerMayFinish } from "./sweep-attempts";

/** Attempts a person can act on: no thread, not retried, not dismissed. */
const actionable = {
  status: { in: ["UNKNOWN", "FAILED"] },
  dismissedAt: null,
  retriedAs: { is: null },
} satisfies Prisma.CreateAttemptWhereInput;

export type AttemptSummary = Omit<AttemptRow, "request" | "sweptAt"> & {
  /** What the request looked like, for recognising it: first message, metadata. */
  messageCount: number;
  firstMessage: string | null;
  metadata: Record<string, string>;
  /**
   * Swept while its owner was unreachable, and the owner is back and may still record it:
   * Retry is withheld, as it could make a second thread (sweep-attempts.ts).
   */
  ownerMayFinish: boolean;
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
  const busy = await attemptsOwnerMayFinish(db, rows.filter((row) => row.sweptAt).map((row) => row.id));
  return { items: rows.map((row) => summarise(row, busy.has(row.id))), nextCursor: next?.id ?? null };
}

/** The request an attempt sent, to edit it in the composer; a NOT_FOUND naming the id otherwise. */
export async function attemptRequest(db: Database, id: string): Promise<{ id: string; request: unknown }> {
  const attempt = await db.createAttempt.findUnique({ where: { id }, select: { id: true, request: true } });
  if (!attempt) throw new NotFoundError(`No create attempt with id '${id}'.`);
  return attempt;
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
  if ((await attemptsOwnerMayFinish(deps.db, [original.id])).has(original.id)) {
    throw new ConflictError(
      `Attempt '${input.id}' belongs to a Spool instance that is running again and may still record its thread; retry later if it does not.`,
    );
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

function summarise({ request, sweptAt: _sweptAt, ...row }: AttemptRow, ownerMayFinish: boolean): AttemptSummary {
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
    ownerMayFinish,
  };
}
