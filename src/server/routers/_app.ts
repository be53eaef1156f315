import { createCallerFactory, router } from "~/server/trpc";
import { attemptsRouter } from "./attempts";
import { messagesRouter } from "./messages";
import { threadsRouter } from "./threads";

export const appRouter = router({
  threads: threadsRouter,
  attempts: attemptsRouter,
  messages: messagesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
