/**
 * The thread list's filters as a URL, so a filtered view is a link: read by the list page,
 * written by the filter bar. No zod here (the router validates; see `./thread-filters`),
 * so it costs the list page's bundle nothing.
 */
import type { ThreadFilters } from "./thread-filters";

export const THREAD_ORDERS = ["newest", "oldest"] as const;
export const DELETED_FILTERS = ["exclude", "include", "only"] as const;

export type ThreadOrder = (typeof THREAD_ORDERS)[number];
export type DeletedFilter = (typeof DELETED_FILTERS)[number];
export type { MetadataFilter, ThreadFilters } from "./thread-filters";

// ---------------------------------------------------------------------------
// The URL form (`?meta=team=support` is read too): ?q=refund&meta.team=support&from=2026-01-01&to=…&by=…&deleted=only&order=oldest
// ---------------------------------------------------------------------------

const META_PREFIX = "meta.";
const META_PARAM = "meta";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Raw filters as the URL states them; not validated (the router does that, and the
 * page shows its BAD_REQUEST beside the filters). Empty values mean "no filter".
 */
export function filtersFromSearchParams(params: SearchParams): ThreadFilters {
  const first = (name: string) => {
    const value = params[name];
    const text = Array.isArray(value) ? value[0] : value;
    return text === undefined || text.trim() === "" ? undefined : text.trim();
  };
  const all = (value: string | string[] | undefined) => (Array.isArray(value) ? value : [value ?? ""]);
  const metadata = [
    ...Object.entries(params)
      .filter(([name]) => name.startsWith(META_PREFIX) && name.length > META_PREFIX.length)
      .flatMap(([name, value]) => all(value).map((text) => ({ key: name.slice(META_PREFIX.length), value: text }))),
    // `?meta=team=support`, as people write it by hand; a value without "=" has no key,
    // which the router names rather than ignoring.
    ...all(params[META_PARAM])
      .filter((text) => text.trim() !== "")
      .map((text) => {
        const at = text.indexOf("=");
        return at < 0 ? { key: "", value: text.trim() } : { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
      }),
  ];
  const filters: ThreadFilters = {
    metadata: metadata.length > 0 ? metadata : undefined,
    search: first("q"),
    createdFrom: first("from"),
    createdTo: first("to"),
    createdBy: first("by"),
    deleted: first("deleted") as DeletedFilter | undefined,
    order: first("order") as ThreadOrder | undefined,
  };
  return withoutEmpty(filters);
}

export function filtersToSearchParams(filters: ThreadFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  for (const { key, value } of filters.metadata ?? []) params.append(`${META_PREFIX}${key}`, value);
  if (filters.createdFrom) params.set("from", filters.createdFrom);
  if (filters.createdTo) params.set("to", filters.createdTo);
  if (filters.createdBy) params.set("by", filters.createdBy);
  if (filters.deleted && filters.deleted !== "exclude") params.set("deleted", filters.deleted);
  if (filters.order && filters.order !== "newest") params.set("order", filters.order);
  return params;
}

/** True when the list shows less than "every live thread". */
export function isFiltered(filters: ThreadFilters): boolean {
  return Boolean(
    filters.search ||
      filters.metadata?.length ||
      filters.createdFrom ||
      filters.createdTo ||
      filters.createdBy ||
      (filters.deleted && filters.deleted !== "exclude"),
  );
}

function withoutEmpty(filters: ThreadFilters): ThreadFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as ThreadFilters;
}

/**
 * The first or last second of a picked day (`2026-11-24`) in this browser's time zone, as
 * an instant with its offset (`2026-11-24T00:00:00+01:00`): the day the person meant.
 */
export function localDayBound(day: string, end: "start" | "end"): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const time = end === "start" ? [0, 0, 0] : [23, 59, 59];
  const local = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), time[0], time[1], time[2]);
  const offset = -local.getTimezoneOffset();
  const pad = (n: number) => String(Math.floor(n)).padStart(2, "0");
  const zone = `${offset >= 0 ? "+" : "-"}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`;
  return `${match[1]}-${match[2]}-${match[3]}T${time.map(pad).join(":")}${zone}`;
}

/** One filter in force, as the list's summary names it, with the filters that remain without it. */
export type ActiveFilter = { label: string; without: ThreadFilters };

/** Every filter narrowing the list (the order is a view, not a filter), each removable on its own. */
export function activeFilters(filters: ThreadFilters): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  const without = (patch: Partial<ThreadFilters>) => withoutEmpty({ ...filters, ...patch });
  if (filters.search) active.push({ label: `Search: ${filters.search}`, without: without({ search: undefined }) });
  (filters.metadata ?? []).forEach(({ key, value }, index) => {
    const rest = filters.metadata!.filter((_, at) => at !== index);
    active.push({ label: `${key} = ${value}`, without: without({ metadata: rest.length ? rest : undefined }) });
  });
  // The day as it was picked; the URL's instant carries the picker's time zone.
  if (filters.createdFrom) active.push({ label: `From ${filters.createdFrom.slice(0, 10)}`, without: without({ createdFrom: undefined }) });
  if (filters.createdTo) active.push({ label: `To ${filters.createdTo.slice(0, 10)}`, without: without({ createdTo: undefined }) });
  if (filters.createdBy) active.push({ label: `By ${filters.createdBy}`, without: without({ createdBy: undefined }) });
  if (filters.deleted === "only") active.push({ label: "Deleted only", without: without({ deleted: undefined }) });
  if (filters.deleted === "include") active.push({ label: "Deleted included", without: without({ deleted: undefined }) });
  return active;
}
