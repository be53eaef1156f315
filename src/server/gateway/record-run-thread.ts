import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import type { Database } from "~/server/prisma";
import { writeSearchVector } from "~/server/threads/search-vector";
import { recordThreadEvent } from "~/server/threads/thread-history";

/** The upstream's thread object, as a run's `thread.created` event or `GET /threads/{id}` gives it. */
export type UpstreamThread = {
  id: string;
  object?: string;
  created_at: number;
  metadata?: unknown;
  tool_resources?: unknown;
};

/**
 * Records a thread that `POST /threads/runs` created: the request's `thread` part is what
 * Spool sent, the upstream's thread object what it made. Recording the same thread twice
 * (a replayed stream) keeps the first record.
 */
export async function recordRunThread(
  db: Database,
  input: { thread: UpstreamThread; request: ThreadCreateRequest; createdBy: string },
): Promise<void> {
  const { thread, request } = input;
  try {
    await db.$transaction(async (tx) => {
      await tx.thread.create({
        data: {
          id: thread.id,
          object: thread.object ?? "thread",
          createdAt: thread.created_at,
          metadata: (thread.metadata ?? {}) as Prisma.InputJsonValue,
          toolResources: (thread.tool_resources ?? undefined) as Prisma.InputJsonValue | undefined,
          request: request as Prisma.InputJsonValue,
          response: thread as unknown as Prisma.InputJsonValue,
          createdBy: input.createdBy,
          messages: {
            create: (request.messages ?? []).map((message, position) => ({
              position,
              role: message.role,
              content: message.content as Prisma.InputJsonValue,
              attachments: (message.attachments ?? undefined) as Prisma.InputJsonValue | undefined,
              metadata: (message.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
            })),
          },
        },
        select: { id: true },
      });
      await writeSearchVector(tx, thread.id);
      await recordThreadEvent(tx, { threadId: thread.id, kind: "CREATED", actor: input.createdBy, detail: { via: "POST /v1/threads/runs" } });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return;
    throw error;
  }
}
