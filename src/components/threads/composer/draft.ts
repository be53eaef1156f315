// The composer's editable state, and how it becomes a Create-thread request (and back).
import { formatIssuePath, issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import {
  ATTACHMENT_TOOL_TYPES,
  IMAGE_DETAILS,
  threadCreateRequestSchema,
  type CreateMessage,
  type MessageContentPart,
  type ThreadCreateRequest,
  type ToolResources,
} from "~/lib/thread-request/schema";

export type Role = "user" | "assistant";
/** "" leaves `detail` out of the request (the upstream then uses "auto"). */
export type ImageDetail = "" | (typeof IMAGE_DETAILS)[number];
export type AttachmentTool = (typeof ATTACHMENT_TOOL_TYPES)[number];

export type DraftPart =
  | { id: string; type: "text"; text: string }
  | { id: string; type: "image_url"; url: string; detail: ImageDetail }
  | { id: string; type: "image_file"; fileId: string; detail: ImageDetail };
export type PartType = DraftPart["type"];

export type DraftAttachment = { id: string; fileId: string; tools: AttachmentTool[] };
export type MetadataRow = { id: string; key: string; value: string };

export type DraftMessage = {
  id: string;
  role: Role;
  /** Which of `text` / `parts` is sent; the other is kept so switching back loses nothing. */
  contentKind: "text" | "parts";
  text: string;
  parts: DraftPart[];
  attachments: DraftAttachment[];
  metadata: MetadataRow[];
};

export type FileSearchMode = "none" | "existing" | "new";
/** "default" leaves `chunking_strategy` out (the upstream then chunks "auto"). */
export type ChunkingChoice = "default" | "auto" | "static";

export type DraftVectorStore = {
  fileIds: string[];
  chunking: ChunkingChoice;
  /** Kept as typed, so a half-typed number is not rewritten under the cursor. */
  maxChunkSizeTokens: string;
  chunkOverlapTokens: string;
  metadata: MetadataRow[];
};

export type Draft = {
  messages: DraftMessage[];
  metadata: MetadataRow[];
  codeInterpreterFileIds: string[];
  fileSearch: { mode: FileSearchMode; vectorStoreId: string; newStore: DraftVectorStore };
};

let counter = 0;
/** Stable React keys for rows; unique across reloads (drafts are restored with their ids). Never sent. */
export const rowId = () => `r${Date.now().toString(36)}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const newMessage = (role: Role = "user"): DraftMessage => ({
  id: rowId(),
  role,
  contentKind: "text",
  text: "",
  parts: [],
  attachments: [],
  metadata: [],
});

export const newPart = (type: PartType): DraftPart =>
  type === "text"
    ? { id: rowId(), type, text: "" }
    : type === "image_url"
      ? { id: rowId(), type, url: "", detail: "" }
      : { id: rowId(), type, fileId: "", detail: "" };

export const emptyVectorStore = (): DraftVectorStore => ({
  fileIds: [],
  chunking: "default",
  maxChunkSizeTokens: "800",
  chunkOverlapTokens: "400",
  metadata: [],
});

export const emptyDraft = (): Draft => ({
  messages: [newMessage()],
  metadata: [],
  codeInterpreterFileIds: [],
  fileSearch: { mode: "none", vectorStoreId: "", newStore: emptyVectorStore() },
});

// ---------------------------------------------------------------------------
// Draft → request
// ---------------------------------------------------------------------------

/** Rows the user has not typed into are not part of the request. */
export function filledRows(rows: MetadataRow[]) {
  return rows.filter((row) => row.key !== "" || row.value !== "");
}

function metadataOf(rows: MetadataRow[]): Record<string, string> | undefined {
  const filled = filledRows(rows);
  if (filled.length === 0) return undefined;
  // fromEntries defines own properties, so even a "__proto__" key stays a plain key.
  return Object.fromEntries(filled.map((row) => [row.key, row.value]));
}

/** An empty field is left out, so the schema says "required" rather than "must be a number". */
function tokens(value: string): number | undefined {
  return value.trim() === "" ? undefined : Number(value);
}

function partToRequest(part: DraftPart): MessageContentPart {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image_url":
      return { type: "image_url", image_url: part.detail ? { url: part.url, detail: part.detail } : { url: part.url } };
    case "image_file":
      return {
        type: "image_file",
        image_file: part.detail ? { file_id: part.fileId, detail: part.detail } : { file_id: part.fileId },
      };
  }
}

function messageToRequest(message: DraftMessage): CreateMessage {
  const out: CreateMessage = {
    role: message.role,
    content: message.contentKind === "text" ? message.text : message.parts.map(partToRequest),
  };
  if (message.attachments.length > 0) {
    out.attachments = message.attachments.map((attachment) => ({
      file_id: attachment.fileId,
      tools: ATTACHMENT_TOOL_TYPES.filter((tool) => attachment.tools.includes(tool)).map((type) => ({ type })),
    }));
  }
  const metadata = metadataOf(message.metadata);
  if (metadata) out.metadata = metadata;
  return out;
}

function vectorStoreToRequest(store: DraftVectorStore) {
  const out: NonNullable<NonNullable<ToolResources["file_search"]>["vector_stores"]>[number] = {};
  if (store.fileIds.length > 0) out.file_ids = [...store.fileIds];
  if (store.chunking === "auto") out.chunking_strategy = { type: "auto" };
  if (store.chunking === "static") {
    const settings: Record<string, number> = {};
    const max = tokens(store.maxChunkSizeTokens);
    const overlap = tokens(store.chunkOverlapTokens);
    if (max !== undefined) settings.max_chunk_size_tokens = max;
    if (overlap !== undefined) settings.chunk_overlap_tokens = overlap;
    out.chunking_strategy = {
      type: "static",
      static: settings as { max_chunk_size_tokens: number; chunk_overlap_tokens: number },
    };
  }
  const metadata = metadataOf(store.metadata);
  if (metadata) out.metadata = metadata;
  return out;
}

export function draftToRequest(draft: Draft): ThreadCreateRequest {
  const request: ThreadCreateRequest = {};
  if (draft.messages.length > 0) request.messages = draft.messages.map(messageToRequest);

  const toolResources: ToolResources = {};
  if (draft.codeInterpreterFileIds.length > 0) {
    toolResources.code_interpreter = { file_ids: [...draft.codeInterpreterFileIds] };
  }
  const { fileSearch } = draft;
  if (fileSearch.mode === "existing") {
    const id = fileSearch.vectorStoreId.trim();
    toolResources.file_search = { vector_store_ids: id ? [id] : [] };
  } else if (fileSearch.mode === "new") {
    toolResources.file_search = { vector_stores: [vectorStoreToRequest(fileSearch.newStore)] };
  }
  if (Object.keys(toolResources).length > 0) request.tool_resources = toolResources;

  const metadata = metadataOf(draft.metadata);
  if (metadata) request.metadata = metadata;
  return request;
}

// ---------------------------------------------------------------------------
// Request → draft (JSON mode and "Duplicate as new")
// ---------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const asString = (value: unknown) => (typeof value === "string" ? value : "");
const asDetail = (value: unknown): ImageDetail =>
  (IMAGE_DETAILS as readonly unknown[]).includes(value) ? (value as ImageDetail) : "";

function rowsOf(value: unknown): MetadataRow[] {
  if (!isObject(value)) return [];
  return Object.keys(value).map((key) => ({ id: rowId(), key, value: asString(value[key]) }));
}

function partFrom(value: unknown): DraftPart | undefined {
  if (!isObject(value)) return undefined;
  if (value.type === "text") return { id: rowId(), type: "text", text: asString(value.text) };
  if (value.type === "image_url" && isObject(value.image_url)) {
    return { id: rowId(), type: "image_url", url: asString(value.image_url.url), detail: asDetail(value.image_url.detail) };
  }
  if (value.type === "image_file" && isObject(value.image_file)) {
    return {
      id: rowId(),
      type: "image_file",
      fileId: asString(value.image_file.file_id),
      detail: asDetail(value.image_file.detail),
    };
  }
  return undefined;
}

function messageFrom(value: unknown): DraftMessage {
  const message = newMessage();
  if (!isObject(value)) return message;
  message.role = value.role === "assistant" ? "assistant" : "user";
  if (typeof value.content === "string") message.text = value.content;
  if (Array.isArray(value.content)) {
    message.contentKind = "parts";
    message.parts = value.content.map(partFrom).filter((part): part is DraftPart => part !== undefined);
  }
  if (Array.isArray(value.attachments)) {
    message.attachments = value.attachments.filter(isObject).map((attachment) => ({
      id: rowId(),
      fileId: asString(attachment.file_id),
      tools: ATTACHMENT_TOOL_TYPES.filter(
        (tool) => Array.isArray(attachment.tools) && attachment.tools.some((t) => isObject(t) && t.type === tool),
      ),
    }));
  }
  message.metadata = rowsOf(value.metadata);
  return message;
}

const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The form's best rendering of `request`; whatever it cannot hold is listed by {@link formLosses}. */
export function requestToDraft(request: unknown): Draft {
  const draft = emptyDraft();
  draft.messages = [];
  if (!isObject(request)) return draft;
  if (Array.isArray(request.messages)) draft.messages = request.messages.map(messageFrom);
  draft.metadata = rowsOf(request.metadata);
  const resources = request.tool_resources;
  if (isObject(resources)) {
    if (isObject(resources.code_interpreter)) draft.codeInterpreterFileIds = strings(resources.code_interpreter.file_ids);
    const fileSearch = resources.file_search;
    if (isObject(fileSearch) && Array.isArray(fileSearch.vector_store_ids)) {
      draft.fileSearch.mode = "existing";
      draft.fileSearch.vectorStoreId = strings(fileSearch.vector_store_ids)[0] ?? "";
    } else if (isObject(fileSearch) && Array.isArray(fileSearch.vector_stores) && isObject(fileSearch.vector_stores[0])) {
      const store = fileSearch.vector_stores[0];
      const newStore = emptyVectorStore();
      newStore.fileIds = strings(store.file_ids);
      newStore.metadata = rowsOf(store.metadata);
      const strategy = store.chunking_strategy;
      if (isObject(strategy) && strategy.type === "auto") newStore.chunking = "auto";
      if (isObject(strategy) && strategy.type === "static") {
        newStore.chunking = "static";
        const settings = isObject(strategy.static) ? strategy.static : {};
        newStore.maxChunkSizeTokens = typeof settings.max_chunk_size_tokens === "number" ? String(settings.max_chunk_size_tokens) : "";
        newStore.chunkOverlapTokens = typeof settings.chunk_overlap_tokens === "number" ? String(settings.chunk_overlap_tokens) : "";
      }
      draft.fileSearch = { mode: "new", vectorStoreId: "", newStore };
    }
  }
  return draft;
}

/** JSON paths (formatIssuePath style) where `a` and `b` differ; key order is ignored. */
export function differingPaths(a: unknown, b: unknown, path: PropertyKey[] = []): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [formatIssuePath(path)];
    return a.flatMap((item, index) => differingPaths(item, b[index], [...path, index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      Object.hasOwn(a, key) && Object.hasOwn(b, key)
        ? differingPaths(a[key], b[key], [...path, key])
        : [formatIssuePath([...path, key])],
    );
  }
  return [formatIssuePath(path)];
}

/** What switching `request` to the form would drop or change (empty when the form holds it all). */
export function formLosses(request: unknown): string[] {
  return differingPaths(request, draftToRequest(requestToDraft(request)));
}

// ---------------------------------------------------------------------------
// Live validation
// ---------------------------------------------------------------------------

export type Problem = {
  /** Request path, formatted like `messages[0].content[1].image_url.url` ("" = the whole body). */
  path: string;
  message: string;
  /** DOM id of the field to focus. */
  fieldId: string;
};

export type DraftCheck = {
  request: ThreadCreateRequest;
  /** Keyed by the request path the error belongs to, e.g. `messages[0].content`. */
  errors: Record<string, string>;
  /** Errors that belong to one metadata row (duplicate or invalid key/value), by row id. */
  rowErrors: Record<string, string>;
  /** Everything that blocks Create, in form order. */
  problems: Problem[];
  problemCount: number;
};

/** A DOM id for the input editing `path` (a formatted request path). */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, "_")}`;
}

/** Each metadata editor of the draft, with the request path of its map. */
function metadataEditors(draft: Draft): { path: PropertyKey[]; rows: MetadataRow[] }[] {
  const editors = draft.messages.map((message, index) => ({ path: ["messages", index, "metadata"], rows: message.metadata }));
  if (draft.fileSearch.mode === "new") {
    editors.push({ path: ["tool_resources", "file_search", "vector_stores", 0, "metadata"], rows: draft.fileSearch.newStore.metadata });
  }
  editors.push({ path: ["metadata"], rows: draft.metadata });
  return editors;
}

/** Runs the same zod schema the server gates with, and maps each issue to a field. */
export function checkDraft(draft: Draft): DraftCheck {
  const request = draftToRequest(draft);
  const errors: Record<string, string> = {};
  const order: string[] = [];
  const parsed = threadCreateRequestSchema.safeParse(request);
  if (!parsed.success) {
    for (const { path, message } of issuesToFieldErrors(parsed.error)) {
      if (errors[path] !== undefined) continue;
      errors[path] = message;
      order.push(path);
    }
  }

  // The contract accepts "" as content, but a blank message is a slip, not a message:
  // the form asks for text (a thread with no messages is made by removing them all).
  for (const [index, message] of draft.messages.entries()) {
    const blank = (text: string) => text.trim() === "";
    const paths =
      message.contentKind === "text"
        ? blank(message.text)
          ? [formatIssuePath(["messages", index, "content"])]
          : []
        : message.parts.flatMap((part, partIndex) =>
            part.type === "text" && blank(part.text) ? [formatIssuePath(["messages", index, "content", partIndex, "text"])] : [],
          );
    for (const path of paths) {
      if (errors[path] !== undefined) continue;
      errors[path] = "Write the message's text, or remove the message.";
      order.push(path);
    }
  }

  const rowErrors: Record<string, string> = {};
  const rowProblems: Problem[] = [];
  const owned = new Set<string>();
  for (const editor of metadataEditors(draft)) {
    const filled = filledRows(editor.rows);
    const seen = new Set<string>();
    for (const row of filled) {
      if (seen.has(row.key)) rowErrors[row.id] = `Key "${row.key}" is used twice; each key can appear once.`;
      seen.add(row.key);
    }
    // A duplicated key keeps its last row's value in the request, so that row owns the error.
    const placed = new Set<string>();
    for (const row of [...filled].reverse()) {
      const path = formatIssuePath([...editor.path, row.key]);
      owned.add(path);
      const message = errors[path];
      if (message && !placed.has(row.key)) rowErrors[row.id] ??= message;
      placed.add(row.key);
    }
    for (const row of filled) {
      const message = rowErrors[row.id];
      if (message) rowProblems.push({ path: formatIssuePath([...editor.path, row.key]), message, fieldId: `${row.id}-key` });
    }
  }

  const problems: Problem[] = [
    ...order.filter((path) => !owned.has(path)).map((path) => ({ path, message: errors[path]!, fieldId: fieldId(path) })),
    ...rowProblems,
  ];
  return { request, errors, rowErrors, problems, problemCount: problems.length };
}

/** "messages[1].content[0].image_url.url" → "Message 2, part 1, image URL": where a problem is, in the user's words. */
export function describePath(path: string): string {
  if (path === "") return "Request";
  const words: string[] = [];
  const re = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(re)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  const names: Record<string, string> = {
    tool_resources: "Tool resources",
    code_interpreter: "code interpreter",
    file_search: "file search",
    file_ids: "file IDs",
    vector_store_ids: "vector store ID",
    chunking_strategy: "chunking",
    max_chunk_size_tokens: "max chunk size",
    chunk_overlap_tokens: "chunk overlap",
    image_url: "image URL",
    image_file: "image file",
    file_id: "file ID",
    url: "URL",
  };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const parent = segments[i - 1];
    if (typeof segment === "number") {
      if (parent === "messages") words.push(`Message ${segment + 1}`);
      else if (parent === "content") words.push(`part ${segment + 1}`);
      else if (parent === "attachments") words.push(`attachment ${segment + 1}`);
      else if (parent === "vector_stores") words.push("new vector store");
      else words.push(`item ${segment + 1}`);
      continue;
    }
    if (segment === "messages" || segment === "content" || segment === "attachments" || segment === "vector_stores" || segment === "static") continue;
    // Containers that the next segment already names well enough.
    const next = segments[i + 1];
    if (segment === "tool_resources" && next !== undefined) continue;
    if (segment === "file_search" && next === "vector_stores") continue;
    if (segment === "chunking_strategy" && next === "static") continue;
    // "image_url" / "image_file" only wrap the field that follows them.
    if ((segment === "image_url" || segment === "image_file") && i + 1 < segments.length) continue;
    if (parent === "metadata") {
      words.push(`key ${JSON.stringify(segment)}`);
      continue;
    }
    words.push(names[segment] ?? segment);
  }
  const text = words.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
