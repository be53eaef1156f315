"use client";

import { useState } from "react";
import { api } from "~/trpc/react";

/** Asks once before revoking: the service using the key is refused from its next request on. */
export function RevokeKeyButton({ name }: { name: string }) {
  const utils = api.useUtils();
  const [confirming, setConfirming] = useState(false);
  const revoke = api.apiKeys.revoke.useMutation({ onSuccess: () => utils.apiKeys.list.invalidate() });

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="self-start whitespace-nowrap rounded-md border border-red-300 bg-surface px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 sm:self-center"
      >
        Revoke
      </button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={`Revoke ${name}`}>
      <span className="text-slate-700">{revoke.error ? revoke.error.message : `Refuse '${name}' from now on?`}</span>
      <button
        type="button"
        autoFocus
        disabled={revoke.isPending}
        onClick={() => revoke.mutate({ name })}
        className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-500 disabled:opacity-60"
      >
        {revoke.isPending ? "Revoking…" : "Revoke key"}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
        Cancel
      </button>
    </div>
  );
}
