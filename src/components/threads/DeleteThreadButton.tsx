"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { api } from "~/trpc/react";

/**
 * Deletes the thread upstream after an explicit confirmation. Spool keeps the record,
 * marked deleted, so the team still knows it existed.
 */
export function DeleteThreadButton({ threadId }: { threadId: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = api.threads.delete.useMutation({
    onSuccess: () => {
      dialog.current?.close();
      router.refresh();
    },
  });

  return (
    <>
      <button
        type="button"
        onClick={() => {
          remove.reset();
          dialog.current?.showModal();
        }}
        className="rounded-md border border-red-200 bg-surface px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50"
      >
        Delete…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          method="dialog"
          className="space-y-4 p-6"
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate({ id: threadId });
          }}
        >
          <h2 id="delete-title" className="text-lg font-semibold text-slate-900">
            Delete this thread upstream?
          </h2>
          <p className="text-sm text-slate-600">
            The upstream deletes <span className="break-all font-mono text-slate-900">{threadId}</span> for good. Spool keeps this record,
            marked deleted; it leaves the list unless you filter for deleted threads.
          </p>
          {remove.error && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="delete-error">
              {remove.error.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={remove.isPending}
              className="rounded-md bg-red-600 px-4 py-2 text-sm font-semibold text-white hover:bg-red-500 disabled:opacity-60"
            >
              {remove.isPending ? "Deleting…" : "Delete thread"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
