// In-memory threads plus an append-only ledger of every thread ever created, optionally mirrored
// to a JSON state file so a restarted emulator still answers for threads the app already stored.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type {
  CreateMessageRequest,
  CreateThreadRequest,
  Metadata,
  ModifyMessageRequest,
  ModifyThreadRequest,
} from "./contract-validator";
import { listPage, messageFromRequest, type ListPage, type ListQuery, type Message, type QueryIssue } from "./messages";

export type ToolResources = {
  code_interpreter?: { file_ids: string[] };
  file_search?: { vector_store_ids: string[] };
};

/** The thread object exactly as the API returns it. */
export type Thread = {
  id: string;
  object: "thread";
  created_at: number;
  metadata: Metadata;
  tool_resources: ToolResources;
};

/** One thread the emulator created; never removed, not even when the thread is deleted. */
export type LedgerEntry = {
  id: string;
  created_at: number;
  /** The raw request body as received, so tests can compare it with what the app stored. */
  body: string;
};

/** `messages` was added later: a version 1 file without it holds threads without messages. */
type StateFile = { version: 1; threads: Thread[]; ledger: LedgerEntry[]; messages?: Message[] };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// Largest multiple of 62 below 256: bytes at or above it are discarded so every character is
// equally likely (a plain modulo would favour the first 8 characters).
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHABET.length);

/** `prefix` + `length` characters from [A-Za-z0-9], from the crypto RNG. */
export function randomId(prefix: string, length = 24): string {
  let out = prefix;
  while (out.length < prefix.length + length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === prefix.length + length) break;
    }
  }
  return out;
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isThread(value: unknown): value is Thread {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    value.object === "thread" &&
    Number.isInteger(value.created_at) &&
    isRecord(value.metadata) &&
    isRecord(value.tool_resources)
  );
}

function isLedgerEntry(value: unknown): value is LedgerEntry {
  return isRecord(value) && typeof value.id === "string" && Number.isInteger(value.created_at) && typeof value.body === "string";
}

function isMessage(value: unknown): value is Message {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    value.object === "thread.message" &&
    typeof value.thread_id === "string" &&
    Number.isInteger(value.created_at) &&
    Array.isArray(value.content)
  );
}

function readState(file: string): StateFile {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (
    !isRecord(parsed) ||
    parsed.version !== 1 ||
    !Array.isArray(parsed.threads) ||
    !parsed.threads.every(isThread) ||
    !Array.isArray(parsed.ledger) ||
    !parsed.ledger.every(isLedgerEntry) ||
    (parsed.messages !== undefined && !(Array.isArray(parsed.messages) && parsed.messages.every(isMessage)))
  ) {
    // Refuse rather than start empty: silently forgetting threads would fake "upstream lost it".
    throw new Error(`Emulator state file ${file} is not a valid version 1 state file`);
  }
  return { version: 1, threads: parsed.threads, ledger: parsed.ledger, messages: (parsed.messages as Message[] | undefined) ?? [] };
}

export class ThreadStore {
  private readonly threads = new Map<string, Thread>();
  private readonly entries: LedgerEntry[] = [];
  /** Each thread's messages, oldest first (the order they were added in). */
  private readonly messages = new Map<string, Message[]>();
  private readonly messageIds = new Set<string>();

  constructor(private readonly stateFile?: string) {
    if (!stateFile) return;
    mkdirSync(path.dirname(stateFile), { recursive: true });
    if (!existsSync(stateFile)) return;
    const state = readState(stateFile);
    for (const thread of state.threads) this.threads.set(thread.id, thread);
    this.entries.push(...state.ledger);
    for (const message of state.messages ?? []) this.appendMessage(message);
  }

  get size(): number {
    return this.threads.size;
  }

  create(request: CreateThreadRequest, rawBody: string): Thread {
    let id = randomId("thread_");
    while (this.threads.has(id)) id = randomId("thread_");
    const thread: Thread = {
      id,
      object: "thread",
      created_at: unixSeconds(),
      metadata: { ...(request.metadata ?? {}) },
      tool_resources: toolResourcesForCreate(request.tool_resources),
    };
    this.threads.set(id, thread);
    for (const message of request.messages ?? []) {
      this.appendMessage(messageFromRequest(this.newMessageId(), id, thread.created_at, message));
    }
    this.entries.push({ id, created_at: thread.created_at, body: rawBody });
    this.persist();
    return structuredClone(thread);
  }

  get(id: string): Thread | undefined {
    const thread = this.threads.get(id);
    return thread && structuredClone(thread);
  }

  modify(id: string, request: ModifyThreadRequest): Thread | undefined {
    const thread = this.threads.get(id);
    if (!thread) return undefined;
    // Metadata is replaced wholesale, as the API does; an explicit null means "not provided".
    if (request.metadata) thread.metadata = { ...request.metadata };
    const resources = request.tool_resources;
    if (resources?.code_interpreter) {
      thread.tool_resources.code_interpreter = { file_ids: [...(resources.code_interpreter.file_ids ?? [])] };
    }
    if (resources?.file_search) {
      thread.tool_resources.file_search = { vector_store_ids: [...(resources.file_search.vector_store_ids ?? [])] };
    }
    this.persist();
    return structuredClone(thread);
  }

  delete(id: string): boolean {
    const existed = this.threads.delete(id);
    for (const message of this.messages.get(id) ?? []) this.messageIds.delete(message.id);
    this.messages.delete(id);
    if (existed) this.persist();
    return existed;
  }

  /** Undefined when the thread does not exist. */
  addMessage(threadId: string, request: CreateMessageRequest): Message | undefined {
    if (!this.threads.has(threadId)) return undefined;
    const message = messageFromRequest(this.newMessageId(), threadId, unixSeconds(), request);
    this.appendMessage(message);
    this.persist();
    return structuredClone(message);
  }

  /**
   * Adds messages as a run would write them (assistant ids, annotations, refusals), which the
   * public API cannot: for tests and demos through the control endpoint. Ids and the thread
   * are taken from the arguments; the caller has checked the objects against the contract.
   */
  insertMessages(threadId: string, messages: Array<Omit<Message, "id" | "thread_id">>): Message[] | undefined {
    if (!this.threads.has(threadId)) return undefined;
    const added = messages.map((message) => ({ ...structuredClone(message), id: this.newMessageId(), thread_id: threadId }));
    for (const message of added) this.appendMessage(message);
    this.persist();
    return structuredClone(added);
  }

  /** `thread` when the thread does not exist, `message` when it has no such message. */
  getMessage(threadId: string, messageId: string): Message | "thread" | "message" {
    const messages = this.messagesOf(threadId);
    if (!messages) return "thread";
    const message = messages.find((candidate) => candidate.id === messageId);
    return message ? structuredClone(message) : "message";
  }

  modifyMessage(threadId: string, messageId: string, request: ModifyMessageRequest): Message | "thread" | "message" {
    const messages = this.messagesOf(threadId);
    if (!messages) return "thread";
    const message = messages.find((candidate) => candidate.id === messageId);
    if (!message) return "message";
    if (request.metadata) message.metadata = { ...request.metadata };
    this.persist();
    return structuredClone(message);
  }

  deleteMessage(threadId: string, messageId: string): "deleted" | "thread" | "message" {
    const messages = this.messagesOf(threadId);
    if (!messages) return "thread";
    const index = messages.findIndex((candidate) => candidate.id === messageId);
    if (index === -1) return "message";
    messages.splice(index, 1);
    this.messageIds.delete(messageId);
    this.persist();
    return "deleted";
  }

  listMessages(threadId: string, query: ListQuery): { ok: true; page: ListPage } | { ok: false; issue: QueryIssue } | "thread" {
    const messages = this.messagesOf(threadId);
    if (!messages) return "thread";
    return listPage(messages, query);
  }

  /** The thread's messages, or undefined when there is no such thread. */
  private messagesOf(threadId: string): Message[] | undefined {
    return this.threads.has(threadId) ? (this.messages.get(threadId) ?? []) : undefined;
  }

  private newMessageId(): string {
    let id = randomId("msg_");
    while (this.messageIds.has(id)) id = randomId("msg_");
    return id;
  }

  private appendMessage(message: Message): void {
    let list = this.messages.get(message.thread_id);
    if (!list) {
      list = [];
      this.messages.set(message.thread_id, list);
    }
    list.push(message);
    this.messageIds.add(message.id);
  }

  ledger(): LedgerEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  private persist(): void {
    if (!this.stateFile) return;
    const state: StateFile = {
      version: 1,
      threads: [...this.threads.values()],
      ledger: this.entries,
      messages: [...this.messages.values()].flat(),
    };
    // Same directory as the target so the rename is atomic: readers (or a crash) never see a
    // half-written file. Synchronous so the state is on disk before the response goes out.
    const temp = `${this.stateFile}.${process.pid}.${randomId("", 8)}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(state));
      renameSync(temp, this.stateFile);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

function toolResourcesForCreate(resources: CreateThreadRequest["tool_resources"]): ToolResources {
  const out: ToolResources = {};
  if (!resources) return out;
  if (resources.code_interpreter) {
    out.code_interpreter = { file_ids: [...(resources.code_interpreter.file_ids ?? [])] };
  }
  const fileSearch = resources.file_search;
  if (fileSearch) {
    // The `vector_stores` helper asks the API to create a vector store; the thread then only
    // references it by its new id.
    const minted = (fileSearch.vector_stores ?? []).map(() => randomId("vs_"));
    out.file_search = { vector_store_ids: [...(fileSearch.vector_store_ids ?? []), ...minted] };
  }
  return out;
}
