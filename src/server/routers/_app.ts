import { createCallerFactory, router } from "~/server/trpc";
import { apiKeysRouter } from "./api-keys";
import { attemptsRouter } from "./attempts";
import { messagesRouter } from "./messages";
import { threadsRouter } from "./threads";

export const appRouter = router({
  threads: threadsRouter,
  attempts: attemptsRouter,
  messages: messagesRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
