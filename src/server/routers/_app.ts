import { createCallerFactory, router } from "~/server/trpc";
import { attemptsRouter } from "./attempts";
import { threadsRouter } from "./threads";

export const appRouter = router({
  threads: threadsRouter,
  attempts: attemptsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
