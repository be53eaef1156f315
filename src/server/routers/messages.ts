import { z } from "zod";
import { messageCreateRequestSchema } from "~/lib/thread-request/schema";
import { addMessage } from "~/server/messages/add-message";
import { listMessages } from "~/server/messages/list-messages";
import { threadIdSchema } from "~/lib/thread-id";
import { limitUpstreamCalls, protectedProcedure, router } from "~/server/trpc";

/** Upstream message ids are `msg_…`; the same characters as thread ids. */
const messageIdSchema = z
  .string()
  .min(1, "A message id is required.")
  .max(200, "Message ids are at most 200 characters.")
  .regex(/^[A-Za-z0-9_-]+$/, "Message ids look like msg_abc123: letters, digits, _ and - only.");

export const listMessagesInput = z.object({
  threadId: threadIdSchema,
  /** The Assistants API's own bounds for one page. */
  limit: z.number().int().min(1).max(100).default(20),
  order: z.enum(["asc", "desc"]).default("asc"),
  after: messageIdSchema.nullish(),
  /** Named `cursor` too, so a React Query infinite query can page with `after`. */
  cursor: messageIdSchema.nullish(),
  before: messageIdSchema.nullish(),
});

export const addMessageInput = z.object({
  threadId: threadIdSchema,
  /** One per press of "Add message": repeats of the same press add one message. */
  idempotencyKey: z.uuid("idempotencyKey must be a UUID"),
  request: messageCreateRequestSchema,
});

export const messagesRouter = router({
  list: protectedProcedure
    .input(listMessagesInput)
    .query(({ ctx, input }) => listMessages(ctx, { ...input, after: input.cursor ?? input.after })),

  add: protectedProcedure
    .input(addMessageInput)
    .use(limitUpstreamCalls)
    .mutation(({ ctx, input }) => addMessage(ctx, { ...input, actor: ctx.actor })),
});
