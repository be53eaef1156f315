import "server-only";
import type { ServiceDeps } from "~/server/context";
import { answerColumns } from "./recorded-answer";
import { recordThreadEvent } from "./thread-history";
import { refuseUnstorableUpstreamThread } from "./unstorable-upstream-thread";
import { upstreamAction } from "./upstream-action";

export type ImportResult = { id: string; alreadyRecorded: boolean };

/**
 * Records a thread created elsewhere, as the upstream describes it. The upstream's
 * thread object carries no messages and Spool never saw the request, so both stay
 * unknown (origin IMPORTED, request null) rather than being made up.
 */
export async function importThread(
  deps: ServiceDeps,
  input: { id: string; actor?: string | null },
): Promise<ImportResult> {
  const { db } = deps;
  const known = await db.thread.findUnique({ where: { id: input.id }, select: { id: true } });
  if (known) return { id: known.id, alreadyRecorded: true };

  const upstream = await upstreamAction("import", input.id, () => deps.upstream.retrieveThread(input.id));
  refuseUnstorableUpstreamThread(upstream.body, input.id, "import");

  return db.$transaction(async (tx) => {
    // Two imports of one id at once: the second finds the row and records nothing.
    const { count } = await tx.thread.createMany({
      data: [
        {
          id: input.id,
          ...answerColumns(upstream),
          origin: "IMPORTED",
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return { id: input.id, alreadyRecorded: true };
    await recordThreadEvent(tx, { threadId: input.id, kind: "IMPORTED", actor: input.actor ?? null });
    return { id: input.id, alreadyRecorded: false };
  });
}
