import "server-only";
import { MAX_BATCH_CALLS } from "~/lib/api-limits";
import { UnreadableRequestError } from "~/server/errors";

/** A batch over the cap, refused as a whole before any call in it runs; or null. */
export function batchProblem(request: Request): UnreadableRequestError | null {
  const url = new URL(request.url);
  if (url.searchParams.get("batch") !== "1") return null;
  const paths = url.pathname.replace(/^.*\/api\/trpc\/?/, "");
  const calls = paths === "" ? 0 : paths.split(",").length;
  if (calls <= MAX_BATCH_CALLS) return null;
  return new UnreadableRequestError(
    "malformed",
    `A request may batch at most ${MAX_BATCH_CALLS} calls; this one has ${calls}. Nothing in it was run; send them in smaller batches.`,
  );
}
