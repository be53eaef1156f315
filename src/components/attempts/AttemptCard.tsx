"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDate } from "~/lib/format-time";
import { api, type RouterOutputs } from "~/trpc/react";

type Attempt = RouterOutputs["attempts"]["list"]["items"][number];

const STATUS = {
  UNKNOWN: { label: "Outcome unknown", badge: "bg-amber-100 text-amber-900" },
  FAILED: { label: "Failed", badge: "bg-red-100 text-red-800" },
} as const;

/** One attempt with what a person can do about it. Everything shown is text: nothing is interpreted as HTML. */
export function AttemptCard({ attempt, onRetryFailed }: { attempt: Attempt; onRetryFailed: (message: string | null) => void }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [confirming, setConfirming] = useState(false);
  // The header's count is rendered on the server: refresh it along with the list.
  const refresh = async () => {
    await Promise.all([utils.attempts.list.invalidate(), utils.attempts.count.invalidate()]);
    router.refresh();
  };

  const retry = api.attempts.retry.useMutation({
    onMutate: () => onRetryFailed(null),
    onSuccess: async (thread) => {
      await Promise.all([refresh(), utils.threads.list.invalidate()]);
      router.push(`/threads/${thread.id}`);
    },
    onError: async (error) => {
      onRetryFailed(error.message);
      setConfirming(false);
      await refresh();
    },
  });
  const dismiss = api.attempts.dismiss.useMutation({ onSuccess: refresh });

  const status = attempt.status === "UNKNOWN" ? STATUS.UNKNOWN : STATUS.FAILED;
  const metadata = Object.entries(attempt.metadata);
  const busy = retry.isPending || dismiss.isPending;
  const unknown = attempt.status === "UNKNOWN";

  return (
    <article
      aria-labelledby={`attempt-${attempt.id}`}
      data-testid="attempt"
      className="rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-5"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${status.badge}`}>{status.label}</span>
        <h2 id={`attempt-${attempt.id}`} className="text-sm font-medium text-slate-800">
          {formatDate(attempt.createdAt)}
        </h2>
        {attempt.createdBy && <span className="text-sm text-slate-500">by {attempt.createdBy}</span>}
        {attempt.retryOfId && <span className="text-xs text-slate-500">(a retry)</span>}
      </header>

      <p className="mt-2 line-clamp-2 break-words text-sm text-slate-700">
        {attempt.firstMessage ?? <span className="italic text-slate-500">No message text</span>}
        {attempt.messageCount > 1 && <span className="text-slate-500"> · {attempt.messageCount} messages</span>}
      </p>
      {metadata.length > 0 && (
        <p className="mt-2 flex flex-wrap gap-1.5 text-xs">
          {metadata.map(([key, value]) => (
            <span key={key} className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">
              {key}={value}
            </span>
          ))}
        </p>
      )}

      <p className="mt-3 break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
        {attempt.errorMessage ?? "No answer was recorded."}
        {attempt.autoRetries > 0 && (
          <span className="text-slate-500">
            {" "}
            Spool already retried {attempt.autoRetries === 1 ? "once" : `${attempt.autoRetries} times`} where that was safe.
          </span>
        )}
      </p>

      {confirming ? (
        <div role="group" aria-label="Confirm retry" className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>
            The first attempt may already have created this thread upstream. Retrying sends the same request again and can
            leave two threads there.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() => retry.mutate({ id: attempt.id })}
              className="rounded-md bg-amber-600 px-3 py-1.5 font-semibold text-white hover:bg-amber-500 disabled:opacity-60"
            >
              {retry.isPending ? "Retrying…" : "Retry anyway"}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => setConfirming(false)}
              className="rounded-md border border-amber-300 bg-surface px-3 py-1.5 font-medium hover:bg-amber-100"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {attempt.ownerMayFinish ? (
            // A retry now could make a second thread: the instance that made it may still record it.
            <p className="text-sm text-slate-600" data-testid="owner-may-finish">
              The Spool instance that sent this is running again and may still record the thread; Retry comes back if it
              does not.
            </p>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => (unknown ? setConfirming(true) : retry.mutate({ id: attempt.id }))}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              {retry.isPending ? "Retrying…" : unknown ? "Retry…" : "Retry"}
            </button>
          )}
          {attempt.status === "FAILED" && (
            <Link
              href={`/threads/new?attempt=${attempt.id}`}
              className="rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Edit in composer
            </Link>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => dismiss.mutate({ id: attempt.id })}
            className="rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
          >
            {dismiss.isPending ? "Dismissing…" : "Dismiss"}
          </button>
          {dismiss.error && (
            <p role="alert" className="text-sm text-red-700">
              {dismiss.error.message}
            </p>
          )}
          <span className="ml-auto font-mono text-xs text-slate-500" title="Attempt id">
            {attempt.id}
          </span>
        </div>
      )}
    </article>
  );
}

