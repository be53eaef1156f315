import { z } from "zod";
import { attemptRequest, countAttempts, dismissAttempt, listAttempts, retryAttempt } from "~/server/attempts/attempt-actions";
import { limitUpstreamCalls, protectedProcedure, router } from "~/server/trpc";

const attemptIdInput = z.object({ id: z.uuid("An attempt id is a UUID.") });

/** Create attempts that ended without a recorded thread, and what a person can do about them. */
export const attemptsRouter = router({
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(25), cursor: z.uuid().nullish() }))
    .query(({ ctx, input }) => listAttempts(ctx.db, input)),

  request: protectedProcedure.input(attemptIdInput).query(({ ctx, input }) => attemptRequest(ctx.db, input.id)),

  count: protectedProcedure.query(({ ctx }) => countAttempts(ctx.db)),

  retry: protectedProcedure
    .input(attemptIdInput)
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => retryAttempt(ctx, { id: input.id, actor: ctx.actor })),

  dismiss: protectedProcedure
    .input(attemptIdInput)
    .mutation(({ ctx, input }) => dismissAttempt(ctx.db, { id: input.id, actor: ctx.actor })),
});
