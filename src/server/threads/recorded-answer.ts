import "server-only";
import { Prisma } from "~/generated/prisma/client";
import type { UpstreamThread } from "~/server/upstream/upstream-thread";

/**
 * The thread columns an upstream answer sets, the same for create, import, update and
 * refresh: what lists and filters read, plus the answer itself, parsed and as sent.
 */
export function answerColumns(thread: UpstreamThread) {
  return {
    object: thread.object,
    createdAt: BigInt(thread.createdAt),
    metadata: thread.metadata as Prisma.InputJsonValue,
    toolResources: (thread.toolResources as Prisma.InputJsonValue | null) ?? Prisma.DbNull,
    response: thread.body as Prisma.InputJsonValue,
    responseText: thread.text,
  };
}
