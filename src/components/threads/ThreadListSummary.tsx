import "server-only";
import Link from "next/link";
import { activeFilters, filtersToSearchParams, type ThreadFilters } from "~/lib/thread-filter-url";
import { THREAD_PAGE_SIZE } from "~/lib/thread-list";
import { api } from "~/trpc/server";

/**
 * Above the list: how many threads there are (or match), and each filter in force as a chip
 * that removes it. Links rendered on the server, so it adds nothing to the page's JavaScript.
 */
export async function ThreadListSummary({ filters, pageSize }: { filters: ThreadFilters; pageSize: number }) {
  const active = activeFilters(filters);
  // The list itself shows a refusal or a fault; the summary then says nothing.
  const total = await api.threads.count({ filters }).catch(() => null);
  const href = (remaining: ThreadFilters) => {
    const params = filtersToSearchParams({ ...remaining, order: filters.order });
    if (pageSize !== THREAD_PAGE_SIZE) params.set("size", String(pageSize));
    const query = params.toString();
    return query ? `/threads?${query}` : "/threads";
  };
  return (
    <div className="flex min-h-7 flex-wrap items-center gap-x-3 gap-y-2 text-sm" data-testid="thread-list-summary">
      {/* An empty, unfiltered list says so itself ("No threads yet"). */}
      {total && (total.count > 0 || active.length > 0) && (
        <p className="font-medium text-slate-700" data-testid="thread-count">
          {countText(total.count, total.capped, active.length > 0)}
        </p>
      )}
      {active.length > 0 && (
        <ul className="flex flex-wrap items-center gap-1.5" aria-label="Active filters">
          {active.map(({ label, without }) => (
            <li key={label}>
              <Link
                href={href(without)}
                aria-label={`Remove filter ${label}`}
                className="inline-flex max-w-full items-center gap-1 rounded-full border border-indigo-200 bg-indigo-50 py-0.5 pl-2.5 pr-1.5 text-xs font-medium text-indigo-800 hover:bg-indigo-100"
              >
                <span className="truncate">{label}</span>
                <span aria-hidden className="text-indigo-700">
                  ×
                </span>
              </Link>
            </li>
          ))}
          {active.length > 1 && (
            <li>
              <Link href={href({})} className="text-xs font-medium text-slate-600 underline-offset-2 hover:text-slate-900 hover:underline">
                Clear all
              </Link>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function countText(count: number, capped: boolean, filtered: boolean): string {
  const number = `${count.toLocaleString("en")}${capped ? "+" : ""}`;
  if (filtered) return `${number} ${count === 1 && !capped ? "thread matches" : "threads match"}`;
  return `${number} ${count === 1 && !capped ? "thread" : "threads"}`;
}
