import "server-only";
import OpenAI from "openai";
import { TRPCError } from "@trpc/server";
import { describeUpstreamFailure } from "~/server/upstream/upstream-failure";

/** What Spool was doing upstream, in the words the error message uses. */
export type UpstreamAction = "import" | "update" | "delete" | "refresh";

const CHANGES: Record<UpstreamAction, string | null> = {
  import: null,
  refresh: null,
  update: "the metadata change",
  delete: "the deletion",
};

/**
 * An upstream failure during import, update, delete or refresh, as a sentence the page
 * shows. Spool's record is never changed when this is thrown.
 */
export class UpstreamActionError extends TRPCError {
  constructor(
    code: TRPCError["code"],
    message: string,
    readonly status: number | null,
  ) {
    super({ code, message });
  }
}

export function upstreamActionError(error: unknown, apiKey: string, action: UpstreamAction, threadId: string): UpstreamActionError {
  if (isUpstreamNotFound(error)) {
    const message =
      action === "import"
        ? `The upstream has no thread '${threadId}'; check the id and that Spool points at the server that created it.`
        : `The upstream has no thread '${threadId}' any more (deleted elsewhere?); Spool's record is unchanged.`;
    return new UpstreamActionError("NOT_FOUND", message, 404);
  }
  const failure = describeUpstreamFailure(error, apiKey);
  const change = CHANGES[action];
  if (failure.outcome === "UNKNOWN") {
    const what = failure.status === null ? "did not answer in time or dropped the connection" : `failed (${failure.status})`;
    const message = change
      ? `The upstream ${what}; ${change} may or may not have been applied there. Spool's record is unchanged; use "Refresh from upstream" to see the upstream's state.`
      : `The upstream ${what}; try again.`;
    return new UpstreamActionError(failure.status === null ? "GATEWAY_TIMEOUT" : "BAD_GATEWAY", message, failure.status);
  }
  const unchanged = change ? " Spool's record is unchanged." : "";
  const code: TRPCError["code"] =
    failure.status === 429
      ? "TOO_MANY_REQUESTS"
      : failure.status === null || failure.status === 401 || failure.status === 403
        ? "BAD_GATEWAY"
        : "UNPROCESSABLE_CONTENT";
  return new UpstreamActionError(code, `${failure.message}${unchanged}`, failure.status);
}

function isUpstreamNotFound(error: unknown): boolean {
  return error instanceof OpenAI.APIError && error.status === 404;
}
