import { initTRPC, TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { formatIssuePath, issuesToFieldErrors, type FieldError } from "~/lib/thread-request/issue-path";
import { encodeAnswer } from "~/server/answer-encoding";
import { actorOf } from "~/server/auth/viewer";
import type { Context } from "~/server/context";
import { errorAnswerOf, knownErrorAnswer, spoolErrorIn } from "~/server/error-mapping";
import { CrossSiteRequestError, InvalidInputError, NotSignedInError, UpstreamError } from "~/server/errors";
import { rawInputRefusal } from "~/server/security/raw-input-guard";
import { upstreamLimitKey } from "~/server/security/upstream-limit-key";
import { crossSiteProblem } from "~/server/security/same-origin";
import { transformer } from "~/trpc/transformer";

/** A huge invalid array would otherwise answer with one entry per element. */
const MAX_FIELD_ERRORS = 50;

const t = initTRPC.context<Context>().create({
  // The clients' wire format (transformer.ts), its answers encoded by answer-encoding.ts:
  // superjson's output, without superjson's cost on a list page.
  transformer: { input: transformer.input, output: { serialize: encodeAnswer, deserialize: transformer.output.deserialize } },
  // Every error an answer carries passes here, thrown in a procedure or before one (the
  // body, the context): its code, status and sentence come from error-mapping.ts.
  errorFormatter({ shape, error }) {
    const spool = spoolErrorIn(error);
    const allFieldErrors = fieldErrorsOf(error);
    const known = knownErrorAnswer(error);
    const answer = known ?? (error.code === "INTERNAL_SERVER_ERROR" ? errorAnswerOf(error) : null);
    const code = answer?.code ?? error.code;
    const message = allFieldErrors ? invalidInputMessage(allFieldErrors) : (answer?.message ?? shape.message);
    const upstream = spool instanceof UpstreamError ? { outcome: spool.failure.outcome, status: spool.failure.status, attemptId: spool.attemptId } : null;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      code: TRPC_ERROR_CODES_BY_KEY[code],
      message,
      data: {
        ...data,
        code,
        httpStatus: answer?.status ?? data.httpStatus,
        fieldErrors: allFieldErrors?.slice(0, MAX_FIELD_ERRORS) ?? null,
        upstream,
      },
    };
  },
});

/** Each failing field of a refused input: the schema's (ZodError) or the raw-input guard's. */
function fieldErrorsOf(error: TRPCError): FieldError[] | null {
  if (error.cause instanceof ZodError) return issuesToFieldErrors(error.cause);
  const spool = spoolErrorIn(error);
  if (spool instanceof InvalidInputError) return spool.issues.map(({ path, message }) => ({ path: formatIssuePath(path), message }));
  return null;
}

/** zod's own message is its issues as JSON; people get the first few as a sentence. */
function invalidInputMessage(fieldErrors: FieldError[]): string {
  const shown = fieldErrors.slice(0, 3).map(({ path, message }) => (path ? `${path}: ${message}` : message));
  const more = fieldErrors.length - shown.length;
  return `Invalid input: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}

/**
 * What every procedure passes before its schema, in this order: a mutation from another site
 * is refused, then an anonymous caller (when sign-in is configured), then input no schema
 * should see (the raw-input guard, for HTTP and createCaller alike). Whatever is refused, here
 * or further in, leaves as the tRPC error its Spool error maps to, so server-side callers
 * (pages, `createCaller`) see the code an HTTP client does.
 *
 * One middleware, not one per check: each level of tRPC's chain copies the call's options
 * (`_objectSpread2`, a property at a time), and at six levels those copies were about 7% of a
 * list page's server CPU in a profile, the most of any JavaScript (docs/BENCHMARKS.md, stop 21).
 */
const guarded = t.middleware(async ({ ctx, type, getRawInput, next }) => {
  try {
    const crossSite = type === "mutation" ? crossSiteProblem(ctx.headers) : null;
    if (crossSite) throw new CrossSiteRequestError(crossSite);
    if (ctx.viewer.kind === "anonymous") throw new NotSignedInError(ctx.viewer.reason);
    // Reading the input may fail too: a body over the limit, bytes that are not UTF-8.
    const refusal = rawInputRefusal(await getRawInput());
    if (refusal) throw refusal;
  } catch (error) {
    throw asMappedError(error);
  }
  const result = await next({ ctx: { actor: actorOf(ctx.viewer) } });
  if (!result.ok) {
    const mapped = asMappedError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/** The tRPC error a Spool error (anywhere in the chain) maps to; `error` itself when it already has that code or is not Spool's. */
function asMappedError<E>(error: E): E | TRPCError {
  const known = knownErrorAnswer(error);
  if (!known || (error instanceof TRPCError && known.code === error.code)) return error;
  return new TRPCError({ code: known.code, message: known.message, cause: spoolErrorIn(error) ?? error });
}

/**
 * Counts a call that reaches the upstream (create, retry, import, refresh, update, delete)
 * against its person's, or client address's, allowance, shared by every Spool instance.
 */
export const limitUpstreamCalls = t.middleware(async ({ ctx, next }) => {
  await ctx.upstreamLimit.consume(upstreamLimitKey(ctx));
  return next();
});

export const router = t.router;
/** Every procedure (nothing in Spool is public): `guarded`, then the procedure's schema. */
export const protectedProcedure = t.procedure.use(guarded);
export const createCallerFactory = t.createCallerFactory;
