import { createCallerFactory, router } from "~/server/trpc";
import { apiKeysRouter } from "./api-keys";
import { attemptsRouter } from "./attempts";
import { threadsRouter } from "./threads";

export const appRouter = router({
  threads: threadsRouter,
  attempts: attemptsRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
