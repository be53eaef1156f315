// What "Refresh from upstream" found different between Spool's record and the upstream.
import { isDeepStrictEqual } from "node:util";

export type ThreadChange = { field: string; before: unknown; after: unknown };

type Comparable = { createdAt: number; metadata: unknown; toolResources: unknown };

/** Metadata is compared key by key, so the page can say which pair changed. */
export function describeChanges(stored: Comparable, upstream: Comparable): ThreadChange[] {
  const changes: ThreadChange[] = [];
  if (stored.createdAt !== upstream.createdAt) {
    changes.push({ field: "created_at", before: stored.createdAt, after: upstream.createdAt });
  }
  const before = asRecord(stored.metadata);
  const after = asRecord(upstream.metadata);
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (before[key] !== after[key]) changes.push({ field: `metadata.${key}`, before: before[key] ?? null, after: after[key] ?? null });
  }
  const resourcesBefore = normalise(stored.toolResources);
  const resourcesAfter = normalise(upstream.toolResources);
  if (!isDeepStrictEqual(resourcesBefore, resourcesAfter)) {
    changes.push({ field: "tool_resources", before: resourcesBefore, after: resourcesAfter });
  }
  return changes;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** No tool resources and an empty object mean the same thing upstream. */
function normalise(value: unknown): unknown {
  return value === null || value === undefined ? {} : JSON.parse(JSON.stringify(value));
}
