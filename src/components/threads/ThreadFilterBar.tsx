"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import {
  DELETED_FILTERS,
  filtersToSearchParams,
  isFiltered,
  localDayBound,
  type DeletedFilter,
  type MetadataFilter,
  type ThreadFilters,
  type ThreadOrder,
} from "~/lib/thread-filter-url";

const SEARCH_PAUSE_MS = 350;
const subscribeToNothing = () => () => {};

const DELETED_LABELS: Record<DeletedFilter, string> = {
  exclude: "Hide deleted",
  include: "Include deleted",
  only: "Only deleted",
};

const field = "block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm shadow-sm";
const label = "mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500";

/**
 * The list's filters, kept in the URL: applying them navigates, so the address bar is
 * always a link to exactly this view.
 */
export function ThreadFilterBar({ filters }: { filters: ThreadFilters }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fields, setFields] = useState(() => fieldsFrom(filters));
  const { search, metadata, createdFrom, createdTo, createdBy, deleted, order } = fields;
  const set = (patch: Partial<Fields>) => setFields((now) => ({ ...now, ...patch }));
  const setMetadata = (next: MetadataFilter[]) => set({ metadata: next });
  const [pair, setPair] = useState("");
  const [pairError, setPairError] = useState<string>();
  // Phones see search and sort first; the rest opens on request, or when already in use.
  const [more, setMore] = useState(Boolean(filters.metadata?.length || filters.createdFrom || filters.createdTo || filters.createdBy || filters.deleted));

  // The bar stays mounted across navigations (so typing is never interrupted); when the
  // URL changes by other means (Clear filters, Back), its fields follow the URL.
  const viewKey = filtersToSearchParams(filters).toString();
  const [shownKey, setShownKey] = useState(viewKey);
  const [pushedKey, setPushedKey] = useState<string | null>(null);
  if (viewKey !== shownKey) {
    setShownKey(viewKey);
    if (viewKey !== pushedKey) setFields(fieldsFrom(filters));
  }

  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  const timeZone = useSyncExternalStore(
    subscribeToNothing,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "",
  );

  const go = (next: ThreadFilters) => {
    clearTimeout(typing.current);
    const query = filtersToSearchParams(next).toString();
    setPushedKey(query);
    startTransition(() => router.push(query ? `/threads?${query}` : "/threads"));
  };

  /** `key=value` typed into the pair box becomes a chip; false when it is not one. */
  const takePair = (): MetadataFilter[] | false => {
    const text = pair.trim();
    if (text === "") return metadata;
    const at = text.indexOf("=");
    if (at <= 0) {
      setPairError("Write a metadata filter as key=value, e.g. team=support.");
      return false;
    }
    const next = [...metadata.filter((existing) => existing.key !== text.slice(0, at).trim()), { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() }];
    setMetadata(next);
    setPair("");
    setPairError(undefined);
    return next;
  };

  const current = (overrides: Partial<ThreadFilters> = {}): ThreadFilters => ({
    search: search.trim() || undefined,
    metadata: metadata.length ? metadata : undefined,
    // The day picked, from its first to its last second in this browser's time zone.
    createdFrom: createdFrom ? localDayBound(createdFrom, "start") : undefined,
    createdTo: createdTo ? localDayBound(createdTo, "end") : undefined,
    createdBy: createdBy.trim() || undefined,
    deleted,
    order,
    ...overrides,
  });

  return (
    <form
      role="search"
      aria-label="Filter threads"
      className="space-y-4 rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-5"
      onSubmit={(event) => {
        event.preventDefault();
        const nextMetadata = takePair();
        if (nextMetadata === false) return;
        go(current({ metadata: nextMetadata.length ? nextMetadata : undefined }));
      }}
    >
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <div>
          <label htmlFor="filter-search" className={label}>
            Search messages
          </label>
          <input
            id="filter-search"
            type="search"
            value={search}
            onChange={(event) => {
              const text = event.target.value;
              set({ search: text });
              // Results follow the typing once it pauses; Enter applies at once.
              clearTimeout(typing.current);
              typing.current = setTimeout(() => go(current({ search: text.trim() || undefined })), SEARCH_PAUSE_MS);
            }}
            placeholder='refund, "password reset", invoice -VAT'
            maxLength={200}
            className={field}
          />
        </div>
        <div>
          <label htmlFor="filter-order" className={label}>
            Sort
          </label>
          <select
            id="filter-order"
            value={order}
            onChange={(event) => {
              const next = event.target.value as ThreadOrder;
              set({ order: next });
              go(current({ order: next }));
            }}
            className={field}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </div>
      </div>

      <button
        type="button"
        onClick={() => setMore(!more)}
        aria-expanded={more}
        aria-controls="more-filters"
        className="text-sm font-medium text-indigo-700 hover:text-indigo-900 sm:hidden"
      >
        {more ? "Fewer filters" : "More filters: metadata, dates, people, deleted"}
      </button>

      <div id="more-filters" className={`space-y-4 ${more ? "" : "hidden sm:block"}`}>
        <div>
          <label htmlFor="filter-metadata" className={label}>
            Metadata
          </label>
          <div className="flex gap-2">
            <input
              id="filter-metadata"
              value={pair}
              onChange={(event) => setPair(event.target.value)}
              placeholder="key=value"
              aria-describedby={pairError ? "filter-metadata-error" : undefined}
              aria-invalid={pairError ? true : undefined}
              className={`${field} font-mono aria-invalid:border-red-500`}
            />
            <button
              type="button"
              onClick={() => takePair()}
              className="shrink-0 rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Add
            </button>
          </div>
          {pairError && (
            <p id="filter-metadata-error" role="alert" className="mt-1 text-sm text-red-700">
              {pairError}
            </p>
          )}
          {metadata.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Metadata filters">
              {metadata.map(({ key, value }) => (
                <li
                  key={key}
                  className="flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 font-mono text-xs text-indigo-900 ring-1 ring-indigo-200"
                >
                  <span className="truncate">
                    {key}={value}
                  </span>
                  <button
                    type="button"
                    onClick={() => setMetadata(metadata.filter((other) => other.key !== key))}
                    aria-label={`Remove filter ${key}=${value}`}
                    className="rounded-full px-1.5 text-indigo-700 hover:bg-indigo-100"
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>

        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <div>
            <label htmlFor="filter-from" className={label}>
              Created from
            </label>
            <input id="filter-from" type="date" value={createdFrom} onChange={(event) => set({ createdFrom: event.target.value })} className={field} />
          </div>
          <div>
            <label htmlFor="filter-to" className={label}>
              Created to
            </label>
            <input id="filter-to" type="date" value={createdTo} onChange={(event) => set({ createdTo: event.target.value })} className={field} />
          </div>
          <div>
            <label htmlFor="filter-by" className={label}>
              Created by
            </label>
            <input
              id="filter-by"
              value={createdBy}
              onChange={(event) => set({ createdBy: event.target.value })}
              placeholder="name@example.com"
              maxLength={200}
              className={field}
            />
          </div>
          <div>
            <label htmlFor="filter-deleted" className={label}>
              Deleted threads
            </label>
            <select id="filter-deleted" value={deleted} onChange={(event) => set({ deleted: event.target.value as DeletedFilter })} className={field}>
              {DELETED_FILTERS.map((value) => (
                <option key={value} value={value}>
                  {DELETED_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="-mt-2 text-xs text-slate-500" data-testid="time-zone-note">
          Dates are whole days in your time zone{timeZone ? ` (${timeZone})` : ""}.
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          Apply filters
        </button>
        {isFiltered(filters) && (
          <Link href={filters.order === "oldest" ? "/threads?order=oldest" : "/threads"} className="text-sm font-medium text-slate-600 hover:text-slate-900">
            Clear filters
          </Link>
        )}
        <span aria-live="polite" className="text-sm text-slate-500">
          {pending ? "Loading…" : ""}
        </span>
      </div>
    </form>
  );
}

type Fields = {
  search: string;
  metadata: MetadataFilter[];
  createdFrom: string;
  createdTo: string;
  createdBy: string;
  deleted: DeletedFilter;
  order: ThreadOrder;
};

function fieldsFrom(filters: ThreadFilters): Fields {
  return {
    search: filters.search ?? "",
    metadata: filters.metadata ?? [],
    createdFrom: filters.createdFrom?.slice(0, 10) ?? "",
    createdTo: filters.createdTo?.slice(0, 10) ?? "",
    createdBy: filters.createdBy ?? "",
    deleted: filters.deleted ?? "exclude",
    order: filters.order ?? "newest",
  };
}
