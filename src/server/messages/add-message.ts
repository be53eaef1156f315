import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "~/generated/prisma/client";
import type { MessageCreateRequest } from "~/lib/thread-request/schema";
import { withDatabaseRetry } from "~/server/attempts/durable-write";
import type { ServiceDeps } from "~/server/context";
import { ConflictError, DatabaseUnavailableError, UpstreamError } from "~/server/errors";
import { findStoredThread, refuseIfDeleted } from "~/server/threads/stored-thread";
import { UpstreamThreadMissingError } from "~/server/threads/upstream-action";
import type { UpstreamMessage as Message } from "~/server/upstream/assistants-client";
import { addFailure } from "./message-errors";
import { recordAddedMessage } from "./record-added-message";

export type AddedMessage = { message: Message; addedBy: string | null };

/**
 * One press of "Add message": the addition is recorded (committed) before the upstream call,
 * keyed by the press's idempotency key, so a double click or a retried request adds the
 * message once; then `client.beta.threads.messages.create`, then the history line.
 */
export async function addMessage(
  deps: ServiceDeps,
  input: { threadId: string; idempotencyKey: string; request: MessageCreateRequest; actor?: string | null },
): Promise<AddedMessage> {
  const { db } = deps;
  const actor = input.actor ?? null;
  const thread = await findStoredThread(db, input.threadId);
  refuseIfDeleted(thread, "take new messages");

  const claimed = await claimAddition(deps, input, actor);
  if (claimed.kind === "replay") return claimed.added;

  let message: Message;
  try {
    message = await deps.upstream.createMessage(input.threadId, input.request);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const failure = addFailure(error, input.threadId);
    await withDatabaseRetry(() =>
      db.messageAddition.update({
        where: { id: claimed.id },
        data: { status: error.failure.outcome, errorStatus: error.failure.status, errorMessage: failure.message },
        select: { id: true },
      }),
    );
    throw failure;
  }

  const record = () =>
    db.$transaction(async (tx) => {
      await tx.messageAddition.update({
        where: { id: claimed.id },
        data: { status: "CREATED", messageId: message.id, response: message as unknown as Prisma.InputJsonValue },
        select: { id: true },
      });
      await recordAddedMessage(tx, { threadId: input.threadId, message, actor, via: "page" });
      return { message, addedBy: actor };
    });
  try {
    return await withDatabaseRetry(record, {
      alreadyDone: async () => {
        const row = await db.messageAddition.findUnique({ where: { id: claimed.id }, select: { status: true } });
        return row?.status === "CREATED" ? { message, addedBy: actor } : null;
      },
    });
  } catch (error) {
    // The message is upstream (the list shows it); only Spool's history line is missing.
    console.error(`[spool] message ${message.id} was added to ${input.threadId} but could not be recorded:`, String(error));
    throw new DatabaseUnavailableError({ cause: error });
  }
}

/** Longer than any upstream call may take (OPENAI_TIMEOUT_MS is a minute by default). */
const ABANDONED_AFTER_MS = 10 * 60_000;

type Claimed = { kind: "new"; id: string } | { kind: "replay"; added: AddedMessage };

async function claimAddition(
  deps: ServiceDeps,
  input: { threadId: string; idempotencyKey: string; request: MessageCreateRequest },
  actor: string | null,
): Promise<Claimed> {
  const { db } = deps;
  const inserted = await db.messageAddition.createManyAndReturn({
    data: [{ idempotencyKey: input.idempotencyKey, threadId: input.threadId, request: input.request as Prisma.InputJsonValue, createdBy: actor }],
    skipDuplicates: true,
    select: { id: true },
  });
  const fresh = inserted[0];
  if (fresh) return { kind: "new", id: fresh.id };

  const existing = await db.messageAddition.findUniqueOrThrow({
    where: { idempotencyKey: input.idempotencyKey },
    select: {
      id: true,
      threadId: true,
      status: true,
      request: true,
      response: true,
      createdBy: true,
      errorStatus: true,
      errorMessage: true,
      createdAt: true,
    },
  });
  if (existing.threadId !== input.threadId || !isDeepStrictEqual(existing.request, JSON.parse(JSON.stringify(input.request)))) {
    throw new ConflictError(`Idempotency key '${input.idempotencyKey}' was already used for a different message.`);
  }
  if (existing.status === "CREATED" && existing.response) {
    return { kind: "replay", added: { message: existing.response as unknown as Message, addedBy: existing.createdBy } };
  }
  if (existing.status === "PENDING" && Date.now() - existing.createdAt.getTime() > ABANDONED_AFTER_MS) {
    // The process that pressed died mid-call: say so once, and never call the upstream again for it.
    const message = "Spool stopped while adding this message; it may or may not have been added. Reload the messages to see.";
    await db.messageAddition.update({ where: { id: existing.id }, data: { status: "UNKNOWN", errorMessage: message }, select: { id: true } });
    throw new UpstreamError({ outcome: "UNKNOWN", status: null, message });
  }
  if (existing.status === "PENDING") {
    throw new ConflictError("This message is already being added; wait for the first request to finish.");
  }
  // The same press again after a failure: the same answer, never a second upstream call.
  const message = existing.errorMessage ?? "This press did not add a message.";
  if (existing.errorStatus === 404) throw new UpstreamThreadMissingError(message);
  throw new UpstreamError({ outcome: existing.status === "FAILED" ? "FAILED" : "UNKNOWN", status: existing.errorStatus, message });
}
