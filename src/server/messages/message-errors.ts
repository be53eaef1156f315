import "server-only";
import { UpstreamError } from "~/server/errors";
import { UpstreamThreadMissingError } from "~/server/threads/upstream-action";

/** What the person reads when `GET /threads/{id}/messages` fails (other than a 404). */
export function listFailure({ failure }: UpstreamError): UpstreamError {
  if (failure.outcome !== "UNKNOWN") return new UpstreamError(failure);
  const what = failure.status === null ? "did not answer in time or dropped the connection" : `failed (${failure.status})`;
  return new UpstreamError(failure, null, `The upstream ${what} while listing messages; try again.`);
}

/** What the person reads when `POST /threads/{id}/messages` fails; also what is recorded. */
export function addFailure({ failure }: UpstreamError, threadId: string): UpstreamError | UpstreamThreadMissingError {
  if (failure.status === 404) {
    return new UpstreamThreadMissingError(`The upstream has no thread '${threadId}' any more (deleted elsewhere?); the message was not added.`);
  }
  if (failure.outcome !== "UNKNOWN") return new UpstreamError(failure);
  const what = failure.status === null ? "did not answer in time or dropped the connection" : `failed (${failure.status})`;
  return new UpstreamError(failure, null, `The upstream ${what}; the message may or may not have been added. Reload the messages to see.`);
}
