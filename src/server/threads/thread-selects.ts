// Every query names the columns it returns, so nothing leaks to a page by accident.
import type { Prisma } from "~/generated/prisma/client";

/** A page shows the newest history first; older lines beyond this are not shown. */
export const HISTORY_SHOWN = 100;

export const threadEventSelect = {
  id: true,
  kind: true,
  actor: true,
  detail: true,
  at: true,
} satisfies Prisma.ThreadEventSelect;

export const threadDetailSelect = {
  id: true,
  object: true,
  createdAt: true,
  recordedAt: true,
  metadata: true,
  toolResources: true,
  request: true,
  response: true,
  responseText: true,
  createdBy: true,
  origin: true,
  deletedAt: true,
  messageCount: true,
  lastActivityAt: true,
  messages: {
    orderBy: { position: "asc" },
    select: { position: true, role: true, content: true, attachments: true, metadata: true },
  },
  events: { orderBy: [{ at: "desc" }, { id: "desc" }], take: HISTORY_SHOWN, select: threadEventSelect },
} satisfies Prisma.ThreadSelect;

/** What an upstream action needs to know about the stored thread before it acts. */
export const threadStateSelect = {
  id: true,
  createdAt: true,
  metadata: true,
  toolResources: true,
  deletedAt: true,
} satisfies Prisma.ThreadSelect;

type ThreadDetailRow = Prisma.ThreadGetPayload<{ select: typeof threadDetailSelect }>;

/**
 * A thread as pages and the API show it: `createdAt` in unix seconds as a number, and the
 * metadata and the upstream's answer in the order the upstream wrote them. PostgreSQL's
 * jsonb reorders keys (shortest first), so the order comes from the answer's text.
 */
export type ThreadDetail = Omit<ThreadDetailRow, "createdAt" | "responseText"> & { createdAt: number };

export function threadView(row: ThreadDetailRow): ThreadDetail;
export function threadView(row: ThreadDetailRow | null): ThreadDetail | null;
export function threadView(row: ThreadDetailRow | null): ThreadDetail | null {
  if (!row) return null;
  const { responseText, ...rest } = row;
  const answer = parsedAnswer(responseText);
  return {
    ...rest,
    createdAt: Number(row.createdAt),
    metadata: inOrderOf(answer?.metadata, row.metadata),
    response: (answer as Prisma.JsonValue | null) ?? row.response,
  };
}

function parsedAnswer(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The stored pairs, in the order `ordered` lists their keys (keys it lacks keep theirs). */
export function inOrderOf(ordered: unknown, stored: Prisma.JsonValue): Prisma.JsonValue {
  if (!isRecord(ordered) || !isRecord(stored)) return stored;
  // Often already so (one key, or keys jsonb keeps in the order sent): a list page asks 25 times.
  const storedKeys = Object.keys(stored);
  const orderedKeys = Object.keys(ordered);
  if (orderedKeys.length === storedKeys.length && orderedKeys.every((key, i) => key === storedKeys[i])) return stored;
  const keys = [...orderedKeys.filter((key) => Object.hasOwn(stored, key)), ...storedKeys];
  return Object.fromEntries([...new Set(keys)].map((key) => [key, stored[key]])) as Prisma.JsonValue;
}

function isRecord(value: unknown): value is Record<string, Prisma.JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
export type ThreadEventView = Prisma.ThreadEventGetPayload<{ select: typeof threadEventSelect }>;
export type ThreadState = Prisma.ThreadGetPayload<{ select: typeof threadStateSelect }>;
