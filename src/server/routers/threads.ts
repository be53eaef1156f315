import { z } from "zod";
import { plainJsonAnswer } from "~/server/answer-encoding";
import { threadIdSchema } from "~/lib/thread-id";
import { threadFiltersSchema } from "~/lib/thread-filters";
import { threadCreateRequestSchema, threadModifyRequestSchema } from "~/lib/thread-request/schema";
import { countThreads } from "~/server/threads/count-threads";
import { deleteThread } from "~/server/threads/delete-thread";
import { importThread } from "~/server/threads/import-thread";
import { cursorSchema } from "~/server/threads/list-cursor";
import { listThreads } from "~/server/threads/list-threads";
import { refreshThread } from "~/server/threads/refresh-thread";
import { createThread, getThread } from "~/server/threads/thread-service";
import { updateThread } from "~/server/threads/update-thread";
import { limitUpstreamCalls, protectedProcedure, router } from "~/server/trpc";

export const createThreadInput = z.object({
  /** One per submission of a draft: repeats of the same submission create one thread. */
  idempotencyKey: z.uuid("idempotencyKey must be a UUID"),
  request: threadCreateRequestSchema,
});

export const listThreadsInput = z.object({
  limit: z.number().int().min(1).max(100).default(25),
  cursor: cursorSchema.nullish(),
  filters: threadFiltersSchema.default({}),
});

const byIdInput = z.object({ id: threadIdSchema });

export const threadsRouter = router({
  create: protectedProcedure
    .input(createThreadInput)
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => createThread(ctx, { ...input, createdBy: ctx.actor })),

  list: protectedProcedure
    .input(listThreadsInput)
    .query(async ({ ctx, input }) => plainJsonAnswer(await listThreads(ctx.db, { ...input.filters, limit: input.limit, cursor: input.cursor }))),

  /** The list's total, exact up to 10,000 (then "10,000+"). */
  count: protectedProcedure
    .input(z.object({ filters: threadFiltersSchema.default({}) }))
    .query(({ ctx, input }) => countThreads(ctx.db, input.filters)),

  byId: protectedProcedure.input(byIdInput).query(({ ctx, input }) => getThread(ctx.db, input.id)),

  import: protectedProcedure
    .input(byIdInput)
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => importThread(ctx, { ...input, actor: ctx.actor })),

  update: protectedProcedure
    .input(z.object({ id: threadIdSchema, request: threadModifyRequestSchema }))
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => updateThread(ctx, { ...input, actor: ctx.actor })),

  delete: protectedProcedure
    .input(byIdInput)
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => deleteThread(ctx, { ...input, actor: ctx.actor })),

  refresh: protectedProcedure
    .input(byIdInput)
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => refreshThread(ctx, { ...input, actor: ctx.actor })),
});
