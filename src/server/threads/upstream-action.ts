import "server-only";
import { NotFoundError, UpstreamError } from "~/server/errors";

/** What Spool was doing upstream, in the words the error message uses. */
export type UpstreamAction = "import" | "update" | "delete" | "refresh";

const CHANGES: Record<UpstreamAction, string | null> = {
  import: null,
  refresh: null,
  update: "the metadata change",
  delete: "the deletion",
};

/** The upstream answered 404 for the thread an action is about. */
export class UpstreamThreadMissingError extends NotFoundError {}

/**
 * Runs the upstream call of an import, update, delete or refresh; a failure becomes a
 * sentence the page shows, saying whether Spool's record (never changed then) may now differ.
 */
export async function upstreamAction<T>(action: UpstreamAction, threadId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof UpstreamError ? describeActionFailure(error, action, threadId) : error;
  }
}

function describeActionFailure({ failure }: UpstreamError, action: UpstreamAction, threadId: string): Error {
  if (failure.status === 404) {
    return new UpstreamThreadMissingError(
      action === "import"
        ? `The upstream has no thread '${threadId}'; check the id and that Spool points at the server that created it.`
        : `The upstream has no thread '${threadId}' any more (deleted elsewhere?); Spool's record is unchanged.`,
    );
  }
  const change = CHANGES[action];
  // A success Spool could not read a thread from: the message says what was wrong with it.
  if (failure.status !== null && failure.status < 300) {
    return new UpstreamError(failure, null, `${failure.message}${change ? ` ${change} may have been applied there;` : ""} Spool's record is unchanged.`);
  }
  if (failure.outcome === "UNKNOWN") {
    const what = failure.status === null ? "did not answer in time or dropped the connection" : `failed (${failure.status})`;
    const message = change
      ? `The upstream ${what}; ${change} may or may not have been applied there. Spool's record is unchanged; use "Refresh from upstream" to see the upstream's state.`
      : `The upstream ${what}; try again.`;
    return new UpstreamError(failure, null, message);
  }
  return new UpstreamError(failure, null, `${failure.message}${change ? " Spool's record is unchanged." : ""}`);
}
