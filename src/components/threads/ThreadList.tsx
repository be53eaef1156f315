"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formatDate, formatUnixSeconds } from "~/lib/format-time";
import { relativeTime } from "~/lib/relative-time";
import { filtersToSearchParams, isFiltered, type ThreadFilters } from "~/lib/thread-filter-url";
import { THREAD_PAGE_SIZE, THREAD_PAGE_SIZES } from "~/lib/thread-list";
import { asTRPCError, trpcClient } from "~/trpc/client";
import type { RouterOutputs } from "~/trpc/react";
import { LIST_ROW_ATTRIBUTE, useListKeys } from "./use-list-keys";

type ThreadPage = RouterOutputs["threads"]["list"];
type ThreadRow = ThreadPage["items"][number];

/** The server renders the first page; this takes over for "Load more" with the same filters. */
export function ThreadList({ filters, firstPage, pageSize = THREAD_PAGE_SIZE }: { filters: ThreadFilters; firstPage: ThreadPage; pageSize?: number }) {
  useListKeys("filter-search");
  const now = useNow();
  const list = useMorePages(firstPage, pageSize, filters);

  const threads = list.pages.flatMap((page) => page.items);
  if (threads.length === 0) return isFiltered(filters) ? <NoMatches /> : <NoThreads />;

  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-surface shadow-sm" data-testid="thread-list">
        {threads.map((thread) => (
          <li key={thread.id}>
            <ThreadRowLink thread={thread} now={now} />
          </li>
        ))}
      </ul>
      {list.error && (
        <p role="alert" className="text-sm text-red-700">
          The next page could not be loaded: {list.error}
        </p>
      )}
      {list.nextCursor ? (
        <button
          type="button"
          onClick={list.loadMore}
          disabled={list.loading}
          className="w-full rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
        >
          {list.loading ? "Loading…" : `Load ${pageSize} more`}
        </button>
      ) : (
        <p className="text-center text-xs text-slate-500">
          {threads.length} {threads.length === 1 ? "thread" : "threads"} · end of the list
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-slate-500">
        <PageSizeChoice filters={filters} pageSize={pageSize} />
        <p className="hidden sm:block">
          <Key>/</Key> search · <Key>j</Key> <Key>k</Key> move · <Key>Enter</Key> open · <Key>c</Key> new thread
        </p>
      </div>
    </div>
  );
}

/**
 * The pages shown: the server's first page, then each "Load more" with the same filters. A
 * failed "Load more" keeps the pages already shown. A new first page from the server (after
 * `router.refresh()`) starts the list again from it.
 */
function useMorePages(firstPage: ThreadPage, pageSize: number, filters: ThreadFilters) {
  const [shown, setShown] = useState({ firstPage, pages: [firstPage] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (shown.firstPage !== firstPage) setShown({ firstPage, pages: [firstPage] });

  const pages = shown.firstPage === firstPage ? shown.pages : [firstPage];
  const nextCursor = pages.at(-1)?.nextCursor ?? null;
  const loadMore = () => {
    if (!nextCursor || loading) return;
    setLoading(true);
    setError(null);
    trpcClient.threads.list
      .query({ limit: pageSize, filters, cursor: nextCursor })
      .then((page) => setShown((current) => (current.firstPage === firstPage ? { firstPage, pages: [...current.pages, page] } : current)))
      .catch((cause: unknown) => setError(asTRPCError(cause).message))
      .finally(() => setLoading(false));
  };
  return { pages, nextCursor, loading, error, loadMore };
}

function PageSizeChoice({ filters, pageSize }: { filters: ThreadFilters; pageSize: number }) {
  const href = (size: number) => {
    const params = filtersToSearchParams(filters);
    if (size !== THREAD_PAGE_SIZE) params.set("size", String(size));
    const query = params.toString();
    return query ? `/threads?${query}` : "/threads";
  };
  return (
    <nav aria-label="Threads per page" className="flex items-center gap-1">
      <span className="mr-1">Per page</span>
      {THREAD_PAGE_SIZES.map((size) => (
        <Link
          key={size}
          href={href(size)}
          aria-current={size === pageSize ? "page" : undefined}
          className={`rounded px-2 py-0.5 tabular-nums ${size === pageSize ? "bg-slate-200 font-semibold text-slate-900" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {size}
        </Link>
      ))}
    </nav>
  );
}

function Key({ children }: { children: React.ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-surface px-1 font-mono text-[11px] text-slate-700">{children}</kbd>;
}

/** The current time, moved on every half minute so "3 min ago" stays true while the page is open. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function ThreadRowLink({ thread, now }: { thread: ThreadRow; now: number }) {
  const metadata = Object.entries(thread.metadata ?? {});
  const title = thread.preview?.trim();
  return (
    <Link
      href={`/threads/${thread.id}`}
      {...{ [LIST_ROW_ATTRIBUTE]: "" }}
      className="block px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 sm:px-5"
    >
      <div className="flex items-baseline justify-between gap-x-4">
        <span className="flex min-w-0 items-center gap-2">
          <span className={`truncate text-sm font-medium ${title ? "text-slate-900" : "italic text-slate-600"}`}>
            {title || (thread.origin === "IMPORTED" ? "Imported thread (messages unknown)" : "No messages")}
          </span>
          {thread.deletedAt && <Badge tone="red">Deleted</Badge>}
          {thread.origin === "IMPORTED" && <Badge tone="slate">Imported</Badge>}
        </span>
        {/* Relative for scanning; the exact UTC time on hover. The two renders may differ by a minute. */}
        <time
          dateTime={new Date(thread.createdAt * 1000).toISOString()}
          title={formatUnixSeconds(thread.createdAt)}
          suppressHydrationWarning
          className="shrink-0 whitespace-nowrap text-xs tabular-nums text-slate-500"
        >
          {relativeTime(thread.createdAt, now)}
        </time>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-slate-600">
        <span className="break-all font-mono text-slate-500">{thread.id}</span>
        <span>
          ·{" "}
          <span data-testid="thread-message-count">
            {thread.messageCount === null
              ? "messages not counted yet"
              : `${thread.messageCount} ${thread.messageCount === 1 ? "message" : "messages"}`}
          </span>
        </span>
        {thread.lastActivityAt && (
          <span data-testid="thread-last-activity">
            · last activity{" "}
            <time
              dateTime={thread.lastActivityAt}
              title={formatDate(new Date(thread.lastActivityAt))}
              suppressHydrationWarning
            >
              {relativeTime(Math.floor(new Date(thread.lastActivityAt).getTime() / 1000), now)}
            </time>
          </span>
        )}
        {thread.createdBy && <span>· by {thread.createdBy}</span>}
        {thread.deletedAt && <span>· deleted {formatDate(new Date(thread.deletedAt))}</span>}
        {metadata.slice(0, 4).map(([key, value]) => (
          <span key={key} className="max-w-[16rem] truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">
            {key}={value}
          </span>
        ))}
        {metadata.length > 4 && <span>+{metadata.length - 4} more</span>}
      </div>
    </Link>
  );
}

function Badge({ tone, children }: { tone: "red" | "slate"; children: React.ReactNode }) {
  const colours = tone === "red" ? "bg-red-50 text-red-700 ring-red-200" : "bg-slate-100 text-slate-700 ring-slate-200";
  return <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide ring-1 ${colours}`}>{children}</span>;
}

function NoThreads() {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-surface p-10 text-center">
      <h2 className="text-base font-semibold">No threads yet</h2>
      <p className="mt-1 text-sm text-slate-600">Threads you create or import with Spool are recorded here, newest first.</p>
      <Link href="/threads/new" className="mt-4 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        Create the first thread
      </Link>
    </div>
  );
}

function NoMatches() {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-surface p-10 text-center" data-testid="no-matches">
      <h2 className="text-base font-semibold">No threads match these filters</h2>
      <p className="mt-1 text-sm text-slate-600">Loosen a filter, or clear them all to see every thread.</p>
      <Link href="/threads" className="mt-4 inline-block rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Clear filters
      </Link>
    </div>
  );
}

export function ThreadListError({ message, onRetry, details }: { message: string; onRetry?: () => void; details?: string[] }) {
  return (
    <div role="alert" data-testid="list-error" className="rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-800">
      <p className="font-medium">{message}</p>
      {details && details.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-3 rounded-md border border-red-300 bg-surface px-3 py-1.5 font-medium hover:bg-red-100">
          Try again
        </button>
      )}
    </div>
  );
}

export function ThreadListSkeleton() {
  return (
    <ul aria-busy="true" aria-label="Loading threads" className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-surface shadow-sm">
      {Array.from({ length: 6 }, (_, index) => (
        <li key={index} className="animate-pulse px-5 py-4">
          <div className="flex justify-between gap-4">
            <div className="h-4 w-72 max-w-[60%] rounded bg-slate-200" />
            <div className="h-3 w-32 rounded bg-slate-100" />
          </div>
          <div className="mt-2 h-3 w-96 max-w-full rounded bg-slate-100" />
          <div className="mt-2 h-3 w-48 rounded bg-slate-100" />
        </li>
      ))}
    </ul>
  );
}
