"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { asTRPCError, trpcClient, type TRPCError } from "~/trpc/client";

/**
 * Paste the id of a thread created outside Spool (another tool, a script): Spool asks
 * the upstream for it and records it, then opens its page.
 */
export function ImportThreadForm() {
  const router = useRouter();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [id, setId] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<TRPCError | null>(null);
  const importThread = (threadId: string) => {
    setPending(true);
    setError(null);
    trpcClient.threads.import
      .mutate({ id: threadId })
      .then((result) => router.push(`/threads/${result.id}${result.alreadyRecorded ? "?already=1" : ""}`))
      .catch((cause: unknown) => {
        setError(asTRPCError(cause));
        setPending(false);
      });
  };

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="order-1 rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
      >
        Import by id
      </button>
    );
  }

  const fieldError = error?.data?.fieldErrors?.[0]?.message;
  return (
    <form
      className="order-3 basis-full rounded-xl border border-slate-200 bg-surface p-4 shadow-sm"
      onSubmit={(event) => {
        event.preventDefault();
        importThread(id.trim());
      }}
    >
      <label htmlFor={inputId} className="block text-sm font-semibold text-slate-900">
        Import a thread created elsewhere
      </label>
      <p className="mt-0.5 text-sm text-slate-600">
        Spool retrieves it from the upstream and records it. Its messages cannot be retrieved, so they are shown as unknown.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          value={id}
          onChange={(event) => setId(event.target.value)}
          placeholder="thread_abc123…"
          autoFocus
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-invalid:border-red-500"
        />
        <div className="flex shrink-0 gap-2">
          <button
            type="submit"
            disabled={pending || id.trim() === ""}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
          >
            {pending ? "Importing…" : "Import"}
          </button>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              setError(null);
            }}
            className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100"
          >
            Cancel
          </button>
        </div>
      </div>
      {error && (
        <p id={`${inputId}-error`} role="alert" className="mt-2 text-sm text-red-700" data-testid="import-error">
          {fieldError ?? error.message}
        </p>
      )}
    </form>
  );
}
