"use client";

import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { MAX_BATCH_CALLS } from "~/lib/api-limits";
import type { AppRouter } from "~/server/routers/_app";
import { transformer } from "./transformer";

/**
 * The plain tRPC client, without TanStack Query: for pages whose data the server renders and
 * whose few client calls ("Load more", "Import") need no cache. /threads uses it so its first
 * load does not carry TanStack Query and the React bindings (docs/BENCHMARKS.md, page weight);
 * components under TRPCReactProvider (src/trpc/react.tsx) use the hooks instead.
 */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/api/trpc", transformer, maxItems: MAX_BATCH_CALLS })],
});

export type TRPCError = TRPCClientError<AppRouter>;

/** The tRPC error a call threw; anything else (a bug, not an answer) becomes one with its message. */
export function asTRPCError(error: unknown): TRPCError {
  return TRPCClientError.from<AppRouter>(error instanceof Error ? error : new Error(String(error)));
}
