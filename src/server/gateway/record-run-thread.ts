import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { ThreadCreateRequest } from "~/lib/thread-request/schema";
import type { Database } from "~/server/prisma";
import { writeSearchVector } from "~/server/threads/search-vector";
import { recordThreadEvent } from "~/server/threads/thread-history";
import type { UpstreamThread } from "~/server/upstream/upstream-thread";

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
          object: thread.object,
          createdAt: BigInt(thread.createdAt),
          metadata: thread.metadata,
          toolResources: (thread.toolResources ?? undefined) as Prisma.InputJsonValue | undefined,
          request: request as Prisma.InputJsonValue,
          response: thread.body as Prisma.InputJsonValue,
          responseText: thread.text,
          messageCount: request.messages?.length ?? 0,
          lastActivityAt: new Date(thread.createdAt * 1000),
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
