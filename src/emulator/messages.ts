// Thread messages as the Assistants v2 API returns them (`MessageObject`), and the cursor
// pages of `GET /threads/{id}/messages`. Pure functions; ThreadStore owns the state.
import type { CreateMessageRequest, Metadata } from "./contract-validator";

export type Annotation =
  | { type: "file_citation"; text: string; file_citation: { file_id: string }; start_index: number; end_index: number }
  | { type: "file_path"; text: string; file_path: { file_id: string }; start_index: number; end_index: number };

export type MessageContent =
  | { type: "text"; text: { value: string; annotations: Annotation[] } }
  | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } }
  | { type: "image_file"; image_file: { file_id: string; detail?: "auto" | "low" | "high" } }
  | { type: "refusal"; refusal: string };

export type MessageAttachment = {
  file_id?: string;
  tools?: Array<{ type: "code_interpreter" } | { type: "file_search" }>;
};

/** The message object exactly as the API returns it. */
export type Message = {
  id: string;
  object: "thread.message";
  created_at: number;
  thread_id: string;
  status: "in_progress" | "incomplete" | "completed";
  incomplete_details: { reason: string } | null;
  completed_at: number | null;
  incomplete_at: number | null;
  role: "user" | "assistant";
  content: MessageContent[];
  assistant_id: string | null;
  run_id: string | null;
  attachments: MessageAttachment[] | null;
  metadata: Metadata;
};

/** What a request's content becomes: a plain string is one text part without annotations. */
export function contentOf(content: CreateMessageRequest["content"]): MessageContent[] {
  if (typeof content === "string") return [{ type: "text", text: { value: content, annotations: [] } }];
  return content.map((part) =>
    part.type === "text" ? { type: "text", text: { value: part.text, annotations: [] } } : structuredClone(part),
  );
}

/** A message added through the API (create message, or create thread with messages). */
export function messageFromRequest(id: string, threadId: string, createdAt: number, request: CreateMessageRequest): Message {
  return {
    id,
    object: "thread.message",
    created_at: createdAt,
    thread_id: threadId,
    status: "completed",
    incomplete_details: null,
    // Null for messages created by hand, as the API does; runs fill it for what they write.
    completed_at: null,
    incomplete_at: null,
    role: request.role,
    content: contentOf(request.content),
    assistant_id: null,
    run_id: null,
    attachments: structuredClone(request.attachments ?? []),
    metadata: { ...(request.metadata ?? {}) },
  };
}

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;

export type ListQuery = {
  limit: number;
  order: "asc" | "desc";
  after?: string;
  before?: string;
  runId?: string;
};

export type QueryIssue = { message: string; param: string };

/** Reads `limit`, `order`, `after`, `before` and `run_id` as the contract defines them. */
export function parseListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; issue: QueryIssue } {
  const rawLimit = params.get("limit");
  let limit = LIST_LIMIT_DEFAULT;
  if (rawLimit !== null) {
    if (!/^-?\d+$/.test(rawLimit.trim())) {
      return { ok: false, issue: { param: "limit", message: `Invalid type for 'limit': expected an integer, but got '${rawLimit}' instead.` } };
    }
    limit = Number(rawLimit);
    if (limit < 1 || limit > LIST_LIMIT_MAX) {
      const below = limit < 1;
      return {
        ok: false,
        issue: {
          param: "limit",
          message: `Invalid 'limit': integer ${below ? "below minimum" : "above maximum"} value. Expected a value ${below ? ">= 1" : `<= ${LIST_LIMIT_MAX}`}, but got ${limit} instead.`,
        },
      };
    }
  }
  const order = params.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc") {
    return { ok: false, issue: { param: "order", message: `Invalid value for 'order': '${order}'. Supported values are: 'asc' and 'desc'.` } };
  }
  const cursor = (name: string) => {
    const value = params.get(name);
    return value === null || value === "" ? undefined : value;
  };
  return { ok: true, query: { limit, order, after: cursor("after"), before: cursor("before"), runId: cursor("run_id") } };
}

export type ListPage = {
  object: "list";
  data: Message[];
  // The contract types these as strings; on an empty page the API answers null, and so do we.
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
};

/**
 * One page of `messages` (oldest first as stored). `after` pages away from the start of the
 * chosen order; `before` returns the `limit` messages right before its cursor.
 */
export function listPage(messages: readonly Message[], query: ListQuery): { ok: true; page: ListPage } | { ok: false; issue: QueryIssue } {
  const ordered = (query.order === "asc" ? [...messages] : [...messages].reverse()).filter(
    (message) => query.runId === undefined || message.run_id === query.runId,
  );
  let start = 0;
  let end = ordered.length;
  for (const [param, cursor] of [["after", query.after], ["before", query.before]] as const) {
    if (cursor === undefined) continue;
    const index = ordered.findIndex((message) => message.id === cursor);
    if (index === -1) {
      return { ok: false, issue: { param, message: `Invalid '${param}': no message with id '${cursor}' in this list.` } };
    }
    if (param === "after") start = index + 1;
    else end = index;
  }
  const window = ordered.slice(start, Math.max(start, end));
  const fromEnd = query.before !== undefined && query.after === undefined;
  const data = structuredClone(fromEnd ? window.slice(-query.limit) : window.slice(0, query.limit));
  return {
    ok: true,
    page: {
      object: "list",
      data,
      first_id: data[0]?.id ?? null,
      last_id: data[data.length - 1]?.id ?? null,
      has_more: window.length > data.length,
    },
  };
}
