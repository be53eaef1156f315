import "server-only";
import { isDeepStrictEqual } from "node:util";
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/generated/prisma/client";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import { withDatabaseRetry } from "~/server/attempts/durable-write";
import { instanceId } from "~/server/attempts/instance-presence";
import { createUpstreamThread } from "~/server/attempts/safe-retry";
import type { Database } from "~/server/prisma";
import { isDatabaseUnavailable } from "~/server/server-fault";
import type { AssistantsClient } from "~/server/upstream/assistants-client";
import { describeUpstreamFailure, type UpstreamFailure } from "~/server/upstream/upstream-failure";
import { writeSearchVector } from "./search-vector";
import { recordThreadEvent } from "./thread-history";
import { threadDetailSelect, type ThreadDetail } from "./thread-selects";

export type ThreadServiceDeps = { db: Database; upstream: AssistantsClient; apiKey: string };

export class UpstreamFailureError extends TRPCError {
  constructor(
    readonly failure: UpstreamFailure,
    readonly attemptId: string,
  ) {
    super({ code: trpcCodeFor(failure), message: failure.message });
  }
}

/**
 * Records the attempt, creates the thread upstream, then stores it. The attempt row
 * is committed before the upstream call, so a crash at any point leaves a trace.
 */
export async function createThread(
  deps: ThreadServiceDeps,
  input: { idempotencyKey: string; request: ThreadCreateRequest; createdBy?: string | null; retryOfId?: string | null },
): Promise<ThreadDetail> {
  const { db } = deps;
  const createdBy = input.createdBy ?? null;
  const attempt = await claimAttempt(db, input.idempotencyKey, input.request, createdBy, input.retryOfId ?? null);
  if (attempt.kind === "replay") return attempt.thread;

  let created: Awaited<ReturnType<AssistantsClient["beta"]["threads"]["create"]>>;
  try {
    created = await createUpstreamThread(deps, attempt.id, input.request);
  } catch (error) {
    const failure = describeUpstreamFailure(error, deps.apiKey);
    await withDatabaseRetry(() =>
      db.createAttempt.update({
        where: { id: attempt.id },
        data: { status: failure.outcome, errorStatus: failure.status, errorMessage: failure.message },
      }),
    );
    throw new UpstreamFailureError(failure, attempt.id);
  }

  try {
    const record = () => db.$transaction(async (tx) => {
      await tx.thread.create({
        data: {
          id: created.id,
          object: created.object,
          createdAt: created.created_at,
          metadata: (created.metadata ?? {}) as Prisma.InputJsonValue,
          toolResources: (created.tool_resources ?? undefined) as Prisma.InputJsonValue | undefined,
          request: input.request as Prisma.InputJsonValue,
          response: created as unknown as Prisma.InputJsonValue,
          createdBy,
          messages: {
            create: (input.request.messages ?? []).map((message, position) => ({
              position,
              role: message.role,
              content: message.content as Prisma.InputJsonValue,
              attachments: (message.attachments ?? undefined) as Prisma.InputJsonValue | undefined,
              metadata: (message.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
            })),
          },
        },
      });
      await writeSearchVector(tx, created.id);
      await recordThreadEvent(tx, { threadId: created.id, kind: "CREATED", actor: createdBy });
      await tx.createAttempt.update({
        where: { id: attempt.id },
        data: { status: "CREATED", threadId: created.id },
      });
      return tx.thread.findUniqueOrThrow({ where: { id: created.id }, select: threadDetailSelect });
    });
    // A database restart must not turn a created thread into an unrecorded one.
    return await withDatabaseRetry(record, {
      alreadyDone: () => db.thread.findUnique({ where: { id: created.id }, select: threadDetailSelect }),
    });
  } catch (error) {
    // The thread exists upstream but not here: say which, so it can be imported by id.
    // The attempt stays PENDING and the sweep turns it into UNKNOWN.
    console.error(`[spool] thread ${created.id} was created upstream but could not be recorded:`, errorName(error));
    throw new ThreadNotRecordedError(created.id, error);
  }
}

/**
 * The upstream created the thread but the database would not take it. A database that
 * stayed away past the retry window is an outage (503, come back), not a Spool bug (500).
 */
export class ThreadNotRecordedError extends TRPCError {
  constructor(
    readonly threadId: string,
    cause: unknown,
  ) {
    const outage = isDatabaseUnavailable(cause);
    super({
      code: outage ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR",
      message: outage
        ? `Thread ${threadId} was created upstream, but Spool's database is unreachable, so it is not recorded yet; once Spool is back, import it by id.`
        : `Thread ${threadId} was created upstream, but Spool could not record it (database error); import it by id.`,
    });
  }
}

type Claimed = { kind: "new"; id: string } | { kind: "replay"; thread: ThreadDetail };

/** A second call with the same key (double click, two tabs, network retry) never calls upstream again. */
async function claimAttempt(
  db: Database,
  idempotencyKey: string,
  request: ThreadCreateRequest,
  createdBy: string | null,
  retryOfId: string | null,
): Promise<Claimed> {
  const inserted = await db.createAttempt.createManyAndReturn({
    data: [{ idempotencyKey, request: request as Prisma.InputJsonValue, createdBy, retryOfId, owner: instanceId() }],
    skipDuplicates: true,
    select: { id: true },
  });
  const fresh = inserted[0];
  if (fresh) return { kind: "new", id: fresh.id };

  const existing = await db.createAttempt.findUniqueOrThrow({
    where: { idempotencyKey },
    select: { id: true, status: true, request: true, errorMessage: true, errorStatus: true, thread: { select: threadDetailSelect } },
  });
  if (!isDeepStrictEqual(existing.request, JSON.parse(JSON.stringify(request)))) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Idempotency key '${idempotencyKey}' was already used for a different request.`,
    });
  }
  if (existing.status === "CREATED" && existing.thread) return { kind: "replay", thread: existing.thread };
  if (existing.status === "PENDING") {
    throw new TRPCError({ code: "CONFLICT", message: "This thread is already being created; wait for the first request to finish." });
  }
  throw new UpstreamFailureError(
    {
      outcome: existing.status === "FAILED" ? "FAILED" : "UNKNOWN",
      status: existing.errorStatus,
      message: existing.errorMessage ?? "This attempt did not create a thread.",
    },
    existing.id,
  );
}

export async function getThread(db: Database, id: string): Promise<ThreadDetail> {
  const thread = await db.thread.findUnique({ where: { id }, select: threadDetailSelect });
  if (!thread) throw new TRPCError({ code: "NOT_FOUND", message: `No thread with id '${id}'.` });
  return thread;
}

function trpcCodeFor(failure: UpstreamFailure): TRPCError["code"] {
  if (failure.status === 429) return "TOO_MANY_REQUESTS";
  if (failure.outcome === "UNKNOWN") return failure.status === null ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY";
  if (failure.status === null || failure.status === 401 || failure.status === 403) return "BAD_GATEWAY";
  return "UNPROCESSABLE_CONTENT";
}

function errorName(error: unknown) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
