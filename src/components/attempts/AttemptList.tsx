"use client";

import Link from "next/link";
import { useState } from "react";
import { ATTEMPT_PAGE_SIZE } from "~/lib/attempt-list";
import { api, type RouterOutputs } from "~/trpc/react";
import { AttemptCard } from "./AttemptCard";

type AttemptPage = RouterOutputs["attempts"]["list"];

export function AttemptList({ firstPage }: { firstPage: AttemptPage }) {
  const [retryError, setRetryError] = useState<string | null>(null);
  const list = api.attempts.list.useInfiniteQuery(
    { limit: ATTEMPT_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor, initialData: { pages: [firstPage], pageParams: [null] } },
  );

  if (list.isError) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-800">
        <p className="font-medium">Attempts could not be loaded.</p>
        <p className="mt-1">{list.error.message}</p>
        <button
          type="button"
          onClick={() => void list.refetch()}
          className="mt-3 rounded-md border border-red-300 bg-surface px-3 py-1.5 font-medium hover:bg-red-100"
        >
          Try again
        </button>
      </div>
    );
  }

  const attempts = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="space-y-4">
      {retryError && (
        <div role="alert" data-testid="retry-error" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p className="font-medium">The retry did not create a thread: {retryError}</p>
          <p className="mt-1">Spool recorded it as a new attempt, listed below.</p>
        </div>
      )}
      {attempts.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-surface p-10 text-center">
          <h2 className="text-base font-semibold">Nothing to act on</h2>
          <p className="mt-1 text-sm text-slate-600">Every create attempt ended in a recorded thread, or was dealt with.</p>
          <Link href="/threads" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:text-indigo-900">
            Back to threads
          </Link>
        </div>
      ) : (
        <ul className="space-y-3" data-testid="attempt-list">
          {attempts.map((attempt) => (
            <li key={attempt.id}>
              <AttemptCard attempt={attempt} onRetryFailed={setRetryError} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="text-center">
          <button
            type="button"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
          >
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}
