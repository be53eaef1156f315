import "server-only";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { Database } from "~/server/prisma";
import { threadStateSelect, type ThreadState } from "./thread-selects";

/** The stored thread an upstream action is about; NotFound naming the id when Spool has none. */
export async function findStoredThread(db: Database, id: string): Promise<ThreadState> {
  const thread = await db.thread.findUnique({ where: { id }, select: threadStateSelect });
  if (!thread) throw new NotFoundError(`No thread with id '${id}'.`);
  return thread;
}

export function refuseIfDeleted(thread: ThreadState, doing: string) {
  if (thread.deletedAt) throw new ConflictError(`Thread '${thread.id}' was deleted; it cannot ${doing}.`);
}
