"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type RouterOutputs } from "~/trpc/react";

type Result = RouterOutputs["threads"]["refresh"];

/** `GET /threads/{id}` upstream; the record takes the upstream's state and this says what moved. */
export function RefreshFromUpstream({ threadId }: { threadId: string }) {
  const router = useRouter();
  const [result, setResult] = useState<Result | null>(null);
  const note = useRef<HTMLDivElement>(null);
  const refresh = api.threads.refresh.useMutation({
    onSuccess: (answer) => {
      setResult(answer);
      router.refresh();
    },
    onError: () => setResult(null),
  });
  const shown = Boolean(result || refresh.error);
  const forget = refresh.reset;
  const close = useCallback(() => {
    setResult(null);
    forget();
  }, [forget]);

  // The note describes one refresh: anything else done on the page (editing metadata,
  // deleting) makes it stale, so it goes at the next click, focus or Escape elsewhere.
  useEffect(() => {
    if (!shown) return;
    const elsewhere = (event: Event) => {
      if (event.target instanceof Node && note.current?.contains(event.target)) return;
      if (event.target instanceof Element && event.target.closest("[data-refresh-button]")) return;
      close();
    };
    const escape = (event: KeyboardEvent) => event.key === "Escape" && close();
    document.addEventListener("pointerdown", elsewhere);
    document.addEventListener("focusin", elsewhere);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", elsewhere);
      document.removeEventListener("focusin", elsewhere);
      document.removeEventListener("keydown", escape);
    };
  }, [shown, close]);

  return (
    <>
      <button
        type="button"
        data-refresh-button
        onClick={() => refresh.mutate({ id: threadId })}
        disabled={refresh.isPending}
        className="rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
      >
        {refresh.isPending ? "Refreshing…" : "Refresh from upstream"}
      </button>
      {shown && (
        // In the flow, on a line of its own under the actions: it pushes the page down
        // rather than covering what is below.
        <div
          ref={note}
          role="status"
          data-testid="refresh-result"
          className="order-last basis-full rounded-lg border border-slate-200 bg-surface p-4 text-sm shadow-sm"
        >
          <div className="flex items-start justify-between gap-3">
            <RefreshSummary result={result} error={refresh.error?.message} />
            <button
              type="button"
              onClick={close}
              aria-label="Close"
              className="-mr-1 -mt-1 rounded px-1.5 text-lg leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-700"
            >
              ×
            </button>
          </div>
        </div>
      )}
    </>
  );
}

function RefreshSummary({ result, error }: { result: Result | null; error: string | undefined }) {
  if (error) return <p className="text-red-700">{error}</p>;
  if (!result) return null;
  if (result.outcome === "missing") {
    return (
      <p className="text-amber-800">
        <strong className="font-semibold">The upstream no longer has this thread.</strong> It was deleted there, or Spool points at a
        different server. Spool keeps its record as it was.
      </p>
    );
  }
  if (result.outcome === "unchanged") return <p className="text-slate-700">Up to date: the upstream matches Spool&apos;s record.</p>;
  return (
    <div className="min-w-0">
      <p className="font-medium text-slate-900">
        {result.changes.length} {result.changes.length === 1 ? "change" : "changes"} from the upstream, now recorded:
      </p>
      <ul className="mt-2 space-y-1">
        {result.changes.map((change) => (
          <li key={change.field} className="break-all font-mono text-xs">
            <span className="text-slate-500">{change.field}</span> <ChangeValues before={change.before} after={change.after} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChangeValues({ before, after }: { before: unknown; after: unknown }) {
  return (
    <>
      <span className="text-red-700 line-through decoration-red-300">{show(before)}</span> →{" "}
      <span className="text-emerald-700">{show(after)}</span>
    </>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  return typeof value === "string" ? value : JSON.stringify(value);
}
