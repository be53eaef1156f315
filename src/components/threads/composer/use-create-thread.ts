"use client";

import { useState } from "react";
import { asTRPCError, trpcClient, type TRPCError } from "~/trpc/client";
import type { RouterInputs, RouterOutputs } from "~/trpc/react";

type CreateInput = RouterInputs["threads"]["create"];
type CreatedThread = RouterOutputs["threads"]["create"];

/**
 * threads.create through the plain tRPC client: the composer needs no query cache (the thread
 * page and the list render on the server), so /threads/new loads without TanStack Query.
 */
export function useCreateThread({ onSuccess, onError }: { onSuccess: (thread: CreatedThread) => unknown; onError: (error: TRPCError) => void }) {
  const [isPending, setPending] = useState(false);
  const mutate = (input: CreateInput) => {
    setPending(true);
    trpcClient.threads.create
      .mutate(input)
      .then(onSuccess, (cause: unknown) => onError(asTRPCError(cause)))
      .finally(() => setPending(false));
  };
  return { mutate, isPending };
}
