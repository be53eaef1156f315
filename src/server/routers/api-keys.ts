import { z } from "zod";
import { apiKeyNameSchema } from "~/lib/api-key-name";
import { createApiKey, listApiKeys, revokeApiKey } from "~/server/api-keys/api-key-service";
import { protectedProcedure, router } from "~/server/trpc";

const byNameInput = z.object({ name: apiKeyNameSchema });

export const apiKeysRouter = router({
  list: protectedProcedure.query(({ ctx }) => listApiKeys(ctx.db)),

  /** The only answer that carries the key itself; Spool keeps just its hash. */
  create: protectedProcedure
    .input(byNameInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { name: input.name, createdBy: ctx.actor })),

  revoke: protectedProcedure
    .input(byNameInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, { name: input.name, revokedBy: ctx.actor })),
});
