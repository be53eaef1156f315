/**
 * What the thread list can be narrowed to: the schema the tRPC router gates with.
 * The URL form and the names the filter bar shows are in `./thread-filter-url`, which
 * has no zod, so the list page's client code does not load this.
 */
import "~/lib/zod-config";
import { z } from "zod";
import { METADATA_KEY_MAX, METADATA_MAX_PAIRS, METADATA_VALUE_MAX, textOfAtMost } from "~/lib/thread-request/schema";
import { isReservedKey, unstorableInputIssues } from "~/lib/thread-request/storable-input";
import { DELETED_FILTERS, THREAD_ORDERS } from "./thread-filter-url";

export { DELETED_FILTERS, THREAD_ORDERS, type DeletedFilter, type ThreadOrder } from "./thread-filter-url";

/** Text search terms longer than this are refused: no one types them, and they cost. */
export const SEARCH_MAX = 200;
export const CREATED_BY_MAX = 200;

const metadataFilterSchema = z.strictObject({
  key: textOfAtMost(METADATA_KEY_MAX, `Metadata keys are at most ${METADATA_KEY_MAX} characters.`).refine((key) => key.length > 0, "A metadata filter needs a key."),
  value: textOfAtMost(METADATA_VALUE_MAX, `Metadata values are at most ${METADATA_VALUE_MAX} characters.`),
});

export type MetadataFilter = z.infer<typeof metadataFilterSchema>;

/** The range a created-at filter may name: no thread is older than the Unix epoch, and dates have four-digit years. */
export const CREATED_EARLIEST = "1970-01-01";
export const CREATED_LATEST = "9999-12-31";
const EARLIEST_SECONDS = 0;
const LATEST_SECONDS = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

/**
 * A UTC day (`2026-11-24`) or an exact instant (`2026-11-24T10:00:00Z`) within what
 * Spool stores; the message names the field, since the list page shows only messages.
 */
const instantSchema = (field: "createdFrom" | "createdTo", label: string, end: "from" | "to") =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: (issue) => `${label} (${field}): dates must look like 2026-11-24 or 2026-11-24T10:00:00Z, not ${JSON.stringify(issue.input)}.`,
    })
    .refine(
      (value) => {
        const seconds = createdRange(value, end);
        return seconds >= EARLIEST_SECONDS && seconds <= LATEST_SECONDS;
      },
      { error: (issue) => `${label} (${field}) must be between ${CREATED_EARLIEST} and ${CREATED_LATEST}, not ${String(issue.input)}.` },
    );

export const threadFiltersSchema = z
  .strictObject({
    metadata: z
      .array(metadataFilterSchema)
      .max(METADATA_MAX_PAIRS, `At most ${METADATA_MAX_PAIRS} metadata filters at once.`)
      .optional(),
    createdFrom: instantSchema("createdFrom", "Created from", "from").optional(),
    createdTo: instantSchema("createdTo", "Created to", "to").optional(),
    createdBy: z.string().min(1).max(CREATED_BY_MAX, `"Created by" is at most ${CREATED_BY_MAX} characters.`).optional(),
    deleted: z.enum(DELETED_FILTERS, { error: `"deleted" must be ${DELETED_FILTERS.join(", ")}.` }).optional(),
    search: z.string().max(SEARCH_MAX, `Search text is at most ${SEARCH_MAX} characters.`).optional(),
    order: z.enum(THREAD_ORDERS, { error: `"order" must be ${THREAD_ORDERS.join(" or ")}.` }).optional(),
  })
  .superRefine((filters, ctx) => {
    // Text no thread can hold (NUL, lone surrogates) would only fail in PostgreSQL.
    for (const { path, message } of unstorableInputIssues(filters)) ctx.addIssue({ code: "custom", path, message });
    const keys = new Set<string>();
    for (const [index, filter] of (filters.metadata ?? []).entries()) {
      if (isReservedKey(filter.key)) {
        ctx.addIssue({ code: "custom", path: ["metadata", index, "key"], message: `Metadata key "${filter.key}" is reserved: no thread in Spool has it.` });
      }
      if (keys.has(filter.key)) {
        ctx.addIssue({ code: "custom", path: ["metadata", index, "key"], message: `Metadata key "${filter.key}" is filtered twice.` });
      }
      keys.add(filter.key);
    }
    const from = filters.createdFrom && createdRange(filters.createdFrom, "from");
    const to = filters.createdTo && createdRange(filters.createdTo, "to");
    if (from !== undefined && to !== undefined && from > to) {
      ctx.addIssue({ code: "custom", path: ["createdTo"], message: "The end of the created range is before its start." });
    }
  });

export type ThreadFilters = z.infer<typeof threadFiltersSchema>;

/**
 * Unix seconds bounding the range, inclusive. A bare day covers the whole UTC day,
 * so "from 2026-11-24 to 2026-11-24" is that day.
 */
export function createdRange(value: string, end: "from" | "to"): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const start = Math.floor(Date.parse(day ? `${value}T00:00:00Z` : value) / 1000);
  return day && end === "to" ? start + 86_399 : start;
}
