import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import { actorOf } from "~/server/auth/viewer";
import type { Context } from "~/server/context";
import { rawInputProblem } from "~/server/security/raw-input-guard";
import { guardedTransformer } from "~/server/security/guarded-transformer";
import { crossSiteProblem } from "~/server/security/same-origin";
import { describeServerFault, isDatabaseUnavailable } from "~/server/server-fault";
import { ThreadNotRecordedError, UpstreamFailureError } from "~/server/threads/thread-service";

/** A huge invalid array would otherwise answer with one entry per element. */
const MAX_FIELD_ERRORS = 50;

const t = initTRPC.context<Context>().create({
  transformer: guardedTransformer,
  errorFormatter({ shape, error }) {
    const allFieldErrors = error.cause instanceof ZodError ? issuesToFieldErrors(error.cause) : null;
    const fieldErrors = allFieldErrors?.slice(0, MAX_FIELD_ERRORS) ?? null;
    const upstream =
      error instanceof UpstreamFailureError
        ? { outcome: error.failure.outcome, status: error.failure.status, attemptId: error.attemptId }
        : null;
    // Unexpected errors (a database that is down, a bug) get a sentence, never internals.
    const unexpected = error.code === "INTERNAL_SERVER_ERROR" && !(error instanceof ThreadNotRecordedError);
    const message = unexpected
      ? describeServerFault(error)
      : allFieldErrors
        ? invalidInputMessage(allFieldErrors)
        : shape.message;
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, fieldErrors, upstream } };
  },
});

/** zod's own message is its issues as JSON; people get the first few as a sentence. */
function invalidInputMessage(fieldErrors: Array<{ path: string; message: string }>): string {
  const shown = fieldErrors.slice(0, 3).map(({ path, message }) => (path ? `${path}: ${message}` : message));
  const more = fieldErrors.length - shown.length;
  return `Invalid input: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}

/** A database that is down is Spool's outage, not a bug: 503, so clients know to come back. */
const databaseOutage = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(result.error)) {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "Spool's database is unreachable right now. Try again in a moment.",
      cause: result.error,
    });
  }
  return result;
});

const sameSiteMutations = t.middleware(({ ctx, type, next }) => {
  const problem = type === "mutation" ? crossSiteProblem(ctx.headers) : null;
  if (problem) throw new TRPCError({ code: "FORBIDDEN", message: problem });
  return next();
});

const signedIn = t.middleware(({ ctx, next }) => {
  if (ctx.viewer.kind === "anonymous") throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.viewer.reason });
  return next({ ctx: { actor: actorOf(ctx.viewer) } });
});

const saneInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = rawInputProblem(await getRawInput());
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
  return next();
});

/** Counts a create (or retry) against its person's, or client address's, allowance. */
export const limitCreates = t.middleware(async ({ ctx, next }) => {
  const who =
    ctx.viewer.kind === "signed-in"
      ? `user:${ctx.viewer.id}`
      : `ip:${ctx.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local"}`;
  await ctx.createLimit.consume(who);
  return next();
});

export const router = t.router;
/**
 * Every procedure: refuses anonymous requests when sign-in is configured, cross-site
 * mutations, and input no schema should see. Nothing in Spool is public.
 */
export const protectedProcedure = t.procedure.use(databaseOutage).use(sameSiteMutations).use(signedIn).use(saneInput);
export const createCallerFactory = t.createCallerFactory;
