// What can go wrong, in Spool's words. Services throw these plain errors; they know nothing
// of tRPC or HTTP. One module (error-mapping.ts) turns each into a status code, once, at
// whichever edge answers: the tRPC route today, any other HTTP edge tomorrow.
import { isDatabaseUnavailable } from "~/server/db/database-unavailable";
import type { UpstreamFailure } from "~/server/upstream/upstream-failure";

/** A place in the input and what is wrong there (path as zod gives it). */
export type InputIssue = { path: PropertyKey[]; message: string };

export abstract class SpoolError extends Error {
  override name = this.constructor.name;
}

/** The input is not what the procedure accepts; each issue names its field. */
export class InvalidInputError extends SpoolError {
  constructor(readonly issues: InputIssue[]) {
    super(issues[0]?.message ?? "Invalid input.");
  }
}

/** The request as a whole cannot be read: too large, not JSON, not UTF-8. */
export class UnreadableRequestError extends SpoolError {
  constructor(
    readonly reason: "too-large" | "not-json" | "malformed",
    message: string,
  ) {
    super(message);
  }
}

/** Sign-in is configured and the request does not carry it. */
export class NotSignedInError extends SpoolError {}

/** A change asked for from another site. */
export class CrossSiteRequestError extends SpoolError {}

export class NotFoundError extends SpoolError {}

/** The request collides with the record's state (a reused key, a deleted thread, a pending attempt). */
export class ConflictError extends SpoolError {}

/** Spool's own create allowance is spent. */
export class RateLimitedError extends SpoolError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * The upstream refused, failed or did not answer. `attemptId` is set for a create, whose
 * attempt records the same outcome; the message never holds the API key (upstream/ scrubs it).
 */
export class UpstreamError extends SpoolError {
  constructor(
    readonly failure: UpstreamFailure,
    readonly attemptId: string | null = null,
    message: string = failure.message,
  ) {
    super(message);
  }
}

/** The upstream answered with something Spool cannot store (NUL, lone surrogates, prototype keys). */
export class UnstorableUpstreamDataError extends SpoolError {}

/** The upstream created a thread that Spool could not record; the message names it, to import it by id. */
export class ThreadNotRecordedError extends SpoolError {
  constructor(
    readonly threadId: string,
    cause: unknown,
  ) {
    super(
      isDatabaseUnavailable(cause)
        ? `Thread ${threadId} was created upstream, but Spool's database is unreachable, so it is not recorded yet; once Spool is back, import it by id.`
        : `Thread ${threadId} was created upstream, but Spool could not record it (database error); import it by id.`,
      { cause },
    );
  }
}

/** Spool's database cannot be reached (down, restarting, a cut connection). */
export class DatabaseUnavailableError extends SpoolError {
  constructor(options?: { cause: unknown }) {
    super("Spool's database is unreachable right now. Try again in a moment.", options);
  }
}
