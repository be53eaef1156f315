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

export type ThreadDetail = Prisma.ThreadGetPayload<{ select: typeof threadDetailSelect }>;
export type ThreadEventView = Prisma.ThreadEventGetPayload<{ select: typeof threadEventSelect }>;
export type ThreadState = Prisma.ThreadGetPayload<{ select: typeof threadStateSelect }>;
