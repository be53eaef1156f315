"use client";

import { useEffect, useRef, useState } from "react";
import { api } from "~/trpc/react";
import { MessageView } from "../MessageView";
import { AddMessageForm } from "./AddMessageForm";

/** One upstream page; large enough to read, small enough to render at once. */
export const MESSAGES_PAGE_SIZE = 50;

type Order = "asc" | "desc";

/**
 * The thread's messages as the upstream has them, fetched in the browser page by page so the
 * thread page itself never waits on the upstream. The next page loads when its sentinel
 * scrolls into view, or from the button.
 */
export function Conversation({ threadId, canAdd }: { threadId: string; canAdd: boolean }) {
  const [order, setOrder] = useState<Order>("asc");
  const utils = api.useUtils();
  const query = api.messages.list.useInfiniteQuery(
    { threadId, order, limit: MESSAGES_PAGE_SIZE },
    {
      getNextPageParam: (page) => (page.kind === "page" && page.hasMore ? page.lastId : undefined),
      retry: false,
      refetchOnWindowFocus: false,
    },
  );
  const pages = query.data?.pages ?? [];
  const missing = pages.some((page) => page.kind === "missing");
  const messages = pages.flatMap((page) => (page.kind === "page" ? page.messages : []));
  const reload = () => void utils.messages.list.invalidate({ threadId });

  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage || isError) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "400px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-500" aria-live="polite" data-testid="messages-loaded">
          {query.isPending ? "Loading messages…" : missing ? "" : `${messages.length}${hasNextPage ? "+" : ""} shown`}
        </p>
        <div role="radiogroup" aria-label="Message order" className="inline-flex rounded-md border border-slate-300 bg-surface p-0.5 text-sm">
          {(
            [
              ["asc", "Oldest first"],
              ["desc", "Newest first"],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className={`cursor-pointer rounded px-2.5 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${
                order === value ? "bg-slate-900 font-medium text-surface" : "text-slate-600 hover:bg-slate-50"
              }`}
            >
              <input type="radio" name="message-order" value={value} checked={order === value} onChange={() => setOrder(value)} className="sr-only" />
              {label}
            </label>
          ))}
        </div>
      </div>

      {query.isPending ? (
        <ol className="space-y-3" aria-busy="true" aria-label="Loading messages">
          {[0, 1, 2].map((key) => (
            <li key={key} className="h-20 animate-pulse rounded-lg border border-slate-200 bg-surface" />
          ))}
        </ol>
      ) : missing ? (
        <p className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="messages-missing">
          <strong className="font-medium">The upstream no longer has this thread</strong> (deleted there, or never there), so its messages cannot
          be shown. Spool keeps its record.
        </p>
      ) : messages.length === 0 && !query.isError ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-surface p-6 text-sm text-slate-500" data-testid="messages-empty">
          This thread has no messages.
        </p>
      ) : (
        <ol className="space-y-3" data-testid="messages">
          {messages.map((listed) => (
            <li key={listed.message.id}>
              <MessageView listed={listed} />
            </li>
          ))}
        </ol>
      )}

      {query.isError && (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900" data-testid="messages-error">
          <p>
            {messages.length > 0 ? "More messages could not be loaded: " : "The messages could not be loaded: "}
            {query.error.message}
          </p>
          <button
            type="button"
            onClick={() => void (messages.length > 0 ? fetchNextPage() : query.refetch())}
            className="rounded-md border border-red-300 bg-surface px-3 py-1 font-medium text-red-800 hover:bg-red-100"
          >
            Try again
          </button>
        </div>
      )}

      {hasNextPage && !query.isError && (
        <div ref={sentinel} className="flex justify-center">
          <button
            type="button"
            onClick={() => void fetchNextPage()}
            disabled={isFetchingNextPage}
            className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
            data-testid="load-more-messages"
          >
            {isFetchingNextPage ? "Loading…" : `Load ${order === "asc" ? "newer" : "older"} messages`}
          </button>
        </div>
      )}

      {canAdd && !missing && <AddMessageForm threadId={threadId} onAdded={reload} onReload={reload} />}
    </div>
  );
}
