import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import { Prisma } from "~/generated/prisma/client";
import { withDatabaseRetry } from "~/server/attempts/durable-write";
import { markAttemptFailed } from "~/server/attempts/attempt-outcome";
import { instanceId, whileInFlight } from "~/server/attempts/instance-lease";
import type { ServiceDeps } from "~/server/context";
import { runHotStatement } from "~/server/db/hot-statement";
import { ConflictError, NotFoundError, ThreadNotRecordedError, UpstreamError } from "~/server/errors";
import type { Database } from "~/server/prisma";
import type { UpstreamThread } from "~/server/upstream/assistants-client";
import { createThreadSafely } from "~/server/upstream/safe-retry";
import { recordCreatedThread } from "./record-created-thread";
import { findThreadDetail } from "./thread-detail-query";
import { threadDetailSelect, threadView, type ThreadDetail } from "./thread-selects";

/**
 * A gateway create an SDK's automatic retry must find (gateway/retry-match.ts): written by
 * the claim's own statement, so it is never there without its attempt and costs no commit.
 */
export type RememberedCreate = { apiKeyId: string; bodyHash: Uint8Array };

/**
 * Records the attempt, creates the thread upstream, then stores it. The attempt row
 * is committed before the upstream call, so a crash at any point leaves a trace.
 */
export async function createThread(
  deps: ServiceDeps,
  input: { idempotencyKey: string; request: ThreadCreateRequest; createdBy?: string | null; retryOfId?: string | null; remember?: RememberedCreate | null },
): Promise<ThreadDetail> {
  const { db } = deps;
  const createdBy = input.createdBy ?? null;
  const attempt = await claimAttempt(db, { ...input, createdBy, retryOfId: input.retryOfId ?? null, remember: input.remember ?? null }, deps.upstream.timeoutMs);
  if (attempt.kind === "replay") return attempt.thread;
  // Marked in flight so this process's own sweep never ends it while it is being worked on.
  return whileInFlight(attempt.id, () => finishAttempt(deps, attempt.id, input.request, createdBy));
}

async function finishAttempt(deps: ServiceDeps, attemptId: string, request: ThreadCreateRequest, createdBy: string | null): Promise<ThreadDetail> {
  const { db } = deps;
  let created: UpstreamThread;
  try {
    created = await createThreadSafely(deps.upstream, request, () => countAutoRetry(db, attemptId));
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const { failure } = error;
    await withDatabaseRetry(() => markAttemptFailed(db, attemptId, failure));
    throw new UpstreamError(failure, attemptId);
  }

  try {
    const record = () => recordCreatedThread(db, { attemptId, request, created, createdBy });
    // A database restart must not turn a created thread into an unrecorded one.
    return await withDatabaseRetry(record, {
      alreadyDone: async () => threadView(await db.thread.findUnique({ where: { id: created.id }, select: threadDetailSelect })),
    });
  } catch (error) {
    // The thread exists upstream but not here: say which, so it can be imported by id.
    // The attempt stays PENDING and the sweep turns it into UNKNOWN.
    console.error(`[spool] thread ${created.id} was created upstream but could not be recorded:`, errorName(error));
    throw new ThreadNotRecordedError(created.id, error);
  }
}

/** Only a count for the attempts page: losing it to a database hiccup is harmless. */
async function countAutoRetry(db: Database, attemptId: string): Promise<void> {
  await db.createAttempt
    .update({ where: { id: attemptId }, data: { autoRetries: { increment: 1 } }, select: { id: true } })
    .catch(() => {});
}

type Claimed = { kind: "new"; id: string } | { kind: "replay"; thread: ThreadDetail };

/** A second call with the same key (double click, two tabs, network retry) never calls upstream again. */
async function claimAttempt(
  db: Database,
  input: { idempotencyKey: string; request: ThreadCreateRequest; createdBy: string | null; retryOfId: string | null; remember: RememberedCreate | null },
  upstreamTimeoutMs: number,
): Promise<Claimed> {
  const { idempotencyKey, request, createdBy, retryOfId, remember } = input;
  // One statement on node-postgres (hot-statement.ts): the ORM's createManyAndReturn cost about
  // twice as long per call (measured under load: p50 21–32 ms against 12–15 ms).
  const inserted = await runHotStatement<{ id: string }>(db, "claim-create-attempt", Prisma.sql`
    WITH attempt AS (
      INSERT INTO create_attempts (id, idempotency_key, request, created_by, retry_of_id, owner, upstream_timeout_ms, updated_at)
      VALUES (gen_random_uuid(), ${idempotencyKey}, ${JSON.stringify(request)}::jsonb, ${createdBy}, ${retryOfId}::uuid, ${instanceId()}::int, ${upstreamTimeoutMs}::int, now())
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, idempotency_key
    ), remembered AS (
      INSERT INTO gateway_creates (api_key_id, body_hash, idempotency_key)
      SELECT ${remember?.apiKeyId ?? null}::uuid, ${remember ? Buffer.from(remember.bodyHash) : null}::bytea, idempotency_key FROM attempt
      WHERE ${remember !== null}::boolean
    )
    SELECT id::text AS id FROM attempt`);
  const fresh = inserted[0];
  if (fresh) return { kind: "new", id: fresh.id };

  const existing = await db.createAttempt.findUniqueOrThrow({
    where: { idempotencyKey },
    select: { id: true, status: true, request: true, errorMessage: true, errorStatus: true, thread: { select: threadDetailSelect } },
  });
  if (!isDeepStrictEqual(existing.request, JSON.parse(JSON.stringify(request)))) {
    throw new ConflictError(`Idempotency key '${idempotencyKey}' was already used for a different request.`);
  }
  if (existing.status === "CREATED" && existing.thread) return { kind: "replay", thread: threadView(existing.thread) };
  if (existing.status === "PENDING") {
    throw new ConflictError("This thread is already being created; wait for the first request to finish.");
  }
  throw new UpstreamError(
    {
      outcome: existing.status === "FAILED" ? "FAILED" : "UNKNOWN",
      status: existing.errorStatus,
      message: existing.errorMessage ?? "This attempt did not create a thread.",
    },
    existing.id,
  );
}

export async function getThread(db: Database, id: string): Promise<ThreadDetail> {
  const thread = await findThreadDetail(db, id);
  if (!thread) throw new NotFoundError(`No thread with id '${id}'.`);
  return thread;
}

function errorName(error: unknown) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
