import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ImportThreadForm } from "~/components/threads/ImportThreadForm";
import { ThreadFilterBar } from "~/components/threads/ThreadFilterBar";
import { ThreadList, ThreadListError, ThreadListSkeleton } from "~/components/threads/ThreadList";
import { ThreadListSummary } from "~/components/threads/ThreadListSummary";
import { filtersFromSearchParams, filtersToSearchParams, isFiltered, type ThreadFilters } from "~/lib/thread-filter-url";
import { pageSizeFrom } from "~/lib/thread-list";
import { refusalDetails, serverFaultPage } from "~/trpc/page-errors";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Threads" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ThreadsPage({ searchParams }: Props) {
  // The URL is the view: a filtered list is a link anyone on the team can open.
  const params = await searchParams;
  const filters = filtersFromSearchParams(params);
  const pageSize = pageSizeFrom(params.size);
  const viewKey = filtersToSearchParams(filters).toString();
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end gap-x-2 gap-y-4">
        <div className="min-w-0 flex-1 basis-64">
          <h1 className="text-2xl font-semibold tracking-tight">Threads</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isFiltered(filters) ? "Threads matching the filters below." : "Every thread Spool created or imported."}{" "}
            {filters.order === "oldest" ? "Oldest first." : "Newest first."}
          </p>
        </div>
        {/* Its button sits beside "New thread"; opened, its form takes a row of its own. */}
        <ImportThreadForm />
        <Link
          href="/threads/new"
          className="order-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
        >
          New thread
        </Link>
      </header>
      {/* Not keyed: it stays mounted across filter changes and follows the URL itself. */}
      <ThreadFilterBar filters={filters} />
      <section aria-label="Results" className="space-y-3">
        {/* Its own boundary: the list never waits for the count. */}
        <Suspense key={`summary&${viewKey}&size=${pageSize}`} fallback={<div className="min-h-7" />}>
          <ThreadListSummary filters={filters} pageSize={pageSize} />
        </Suspense>
        {/* Keyed by the view, so changing a filter shows the skeleton, not the old results. */}
        <Suspense key={`${viewKey}&size=${pageSize}`} fallback={<ThreadListSkeleton />}>
          <ThreadResults filters={filters} pageSize={pageSize} />
        </Suspense>
      </section>
    </div>
  );
}

async function ThreadResults({ filters, pageSize }: { filters: ThreadFilters; pageSize: number }) {
  let firstPage;
  try {
    // Rendered on the server, so the list shows at once; the client takes over for "Load more".
    firstPage = await api.threads.list({ limit: pageSize, filters });
  } catch (error) {
    const details = refusalDetails(error);
    if (details) return <ThreadListError message="These filters cannot be applied:" details={details} />;
    return serverFaultPage(error);
  }
  return <ThreadList filters={filters} firstPage={firstPage} pageSize={pageSize} />;
}
