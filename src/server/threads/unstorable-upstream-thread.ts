import "server-only";
import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { unstorableInputIssues } from "~/lib/thread-request/storable-input";
import { UnstorableUpstreamDataError } from "~/server/errors";

/**
 * Refuses a thread another client put on the upstream with what Spool cannot keep (NUL,
 * lone surrogates, prototype keys; see storable-input.ts), before anything is written:
 * PostgreSQL would fail mid-write, or the stored thread would break every page listing it.
 */
const OUTCOMES = {
  import: "cannot import it",
  refresh: "kept its record as it was",
  // The upstream has already applied the change; Spool's record cannot follow it.
  update: "changed it upstream but kept its record as it was",
} as const;

export function refuseUnstorableUpstreamThread(thread: unknown, threadId: string, action: keyof typeof OUTCOMES): void {
  const [first] = unstorableInputIssues(thread, 1);
  if (!first) return;
  throw new UnstorableUpstreamDataError(
    `The upstream's thread '${threadId}' holds something Spool cannot store, so Spool ${OUTCOMES[action]}. At ${formatIssuePath(first.path)}: ${first.message}`,
  );
}
