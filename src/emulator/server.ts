// A stand-in for the OpenAI Assistants v2 threads endpoints, served over real HTTP so the app
// talks to it through the official SDK exactly as it would talk to api.openai.com.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  conformsToContract,
  validateCreateMessageRequest,
  validateCreateThreadRequest,
  validateModifyMessageRequest,
  validateModifyThreadRequest,
  warmUpContract,
} from "./contract-validator";
import {
  FaultQueue,
  parseFaults,
  statusFaultResponse,
  type ErrorBody,
  type Fault,
  type FaultTiming,
} from "./faults";
import { parseListQuery, type Message } from "./messages";
import { ThreadStore, type LedgerEntry } from "./thread-store";

export type { Fault, LatencyFault, StatusFault, DropFault, HangFault } from "./faults";
export type { LedgerEntry, Thread } from "./thread-store";
export type { Message, MessageContent, Annotation } from "./messages";

export type EmulatorOptions = {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Defaults to 127.0.0.1, which also keeps the unauthenticated control endpoints local. */
  host?: string;
  /** JSON file that threads and ledger are loaded from and saved to after every change. */
  stateFile?: string;
  /** Request bodies above this are rejected with 413. Defaults to 8 MiB. */
  maxBodyBytes?: number;
};

export type RunningEmulator = {
  /** http://127.0.0.1:PORT */
  url: string;
  /** `url` + "/v1": what OPENAI_BASE_URL (or the SDK's baseURL) is set to. */
  baseURL: string;
  /** Stops listening and destroys every open socket, including hung requests. */
  close(): Promise<void>;
  /** Every thread the emulator ever created, in creation order. */
  ledger(): LedgerEntry[];
  /** Queues a fault (validated like the control endpoint; throws when malformed). */
  addFault(fault: Fault | Fault[]): void;
  clearFaults(): void;
};

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

type ErrorOptions = { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> };

function errorReply(status: number, message: string, options: ErrorOptions = {}): Reply {
  const body: ErrorBody = {
    error: {
      message,
      type: options.type ?? "invalid_request_error",
      param: options.param ?? null,
      code: options.code ?? null,
    },
  };
  return { status, body, headers: options.headers };
}

// Wording as the real API uses it, so logs and UI messages look the same in both modes.
const MISSING_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
const MISSING_BETA_MESSAGE =
  "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.";
const V1_BETA_MESSAGE =
  "The v1 Assistants API has been deprecated. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.";
const INVALID_JSON_MESSAGE =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

// ---------------------------------------------------------------------------------------------
// Routing

type Operation =
  | "create"
  | "retrieve"
  | "modify"
  | "delete"
  | "listMessages"
  | "createMessage"
  | "retrieveMessage"
  | "modifyMessage"
  | "deleteMessage";
type Route =
  | { kind: "matched"; operation: Operation; threadId?: string; messageId?: string }
  | { kind: "unknown" }
  | { kind: "method-not-allowed"; allow: string[] };

const PATHS: Array<{ pattern: RegExp; operations: Record<string, Operation> }> = [
  { pattern: /^\/v1\/threads$/, operations: { POST: "create" } },
  { pattern: /^\/v1\/threads\/([^/]+)$/, operations: { GET: "retrieve", POST: "modify", DELETE: "delete" } },
  { pattern: /^\/v1\/threads\/([^/]+)\/messages$/, operations: { GET: "listMessages", POST: "createMessage" } },
  {
    pattern: /^\/v1\/threads\/([^/]+)\/messages\/([^/]+)$/,
    operations: { GET: "retrieveMessage", POST: "modifyMessage", DELETE: "deleteMessage" },
  },
];

function routeOf(method: string, pathname: string): Route {
  for (const { pattern, operations } of PATHS) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    let ids: string[];
    try {
      ids = match.slice(1).map((raw) => decodeURIComponent(raw));
    } catch {
      return { kind: "unknown" };
    }
    const operation = operations[method];
    if (!operation) return { kind: "method-not-allowed", allow: Object.keys(operations) };
    return { kind: "matched", operation, threadId: ids[0], messageId: ids[1] };
  }
  return { kind: "unknown" };
}

// ---------------------------------------------------------------------------------------------
// Request plumbing

type Body = { kind: "ok"; raw: string } | { kind: "too-large" };

async function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Keep draining past the limit so the client finishes sending and can read our 413,
    // instead of seeing a reset mid-upload.
    if (size > limit) tooLarge = true;
    else chunks.push(buffer);
  }
  return tooLarge ? { kind: "too-large" } : { kind: "ok", raw: Buffer.concat(chunks).toString("utf8") };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function authProblem(headers: IncomingHttpHeaders): Reply | undefined {
  const match = /^Bearer\s+(.*)$/i.exec(header(headers, "authorization")?.trim() ?? "");
  if (match?.[1]?.trim()) return undefined;
  return errorReply(401, MISSING_KEY_MESSAGE);
}

function betaProblem(headers: IncomingHttpHeaders): Reply | undefined {
  const betas = (header(headers, "openai-beta") ?? "").split(",").map((part) => part.trim().toLowerCase());
  if (betas.includes("assistants=v2")) return undefined;
  if (betas.includes("assistants=v1")) return errorReply(400, V1_BETA_MESSAGE, { code: "invalid_beta" });
  return errorReply(400, MISSING_BETA_MESSAGE);
}

type Json = { kind: "ok"; value: unknown } | { kind: "invalid" };

function parseJson(raw: string, emptyMeans: unknown): Json {
  if (raw.trim() === "") return emptyMeans === undefined ? { kind: "invalid" } : { kind: "ok", value: emptyMeans };
  try {
    return { kind: "ok", value: JSON.parse(raw) as unknown };
  } catch {
    return { kind: "invalid" };
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function formatUrl(host: string, port: number): string {
  // A wildcard bind is reachable on loopback; clients cannot connect to 0.0.0.0 portably.
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

// ---------------------------------------------------------------------------------------------
// The server

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  warmUpContract();
  const store = new ThreadStore(options.stateFile);
  const faults = new FaultQueue();
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const sleepers = new Set<() => void>();
  let closing = false;

  function send(response: ServerResponse, reply: Reply): void {
    if (response.headersSent || response.destroyed) return;
    const payload = JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(payload)),
      "x-request-id": `req_${randomBytes(16).toString("hex")}`,
      ...reply.headers,
    });
    response.end(payload);
  }

  /** Resolves after `ms`, or at once when the emulator closes, so close() never waits on it. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  function hang(response: ServerResponse): void {
    hanging.add(response);
    response.on("close", () => hanging.delete(response));
  }

  function execute(route: Extract<Route, { kind: "matched" }>, request: IncomingMessage, search: URLSearchParams, raw: string): Reply {
    const refused = authProblem(request.headers) ?? betaProblem(request.headers);
    if (refused) return refused;
    const { operation, threadId } = route;
    const notFound = (id: string): Reply => errorReply(404, `No thread found with id '${id}'.`);
    const messageNotFound = (id: string): Reply => errorReply(404, `No message found with id '${id}'.`);
    const messageReply = (id: string, result: Message | "thread" | "message"): Reply =>
      result === "thread" ? notFound(threadId ?? "") : result === "message" ? messageNotFound(id) : { status: 200, body: result };

    switch (operation) {
      case "create": {
        // The real API treats a missing body as "create an empty thread".
        const json = parseJson(raw, {});
        if (json.kind === "invalid") return errorReply(400, INVALID_JSON_MESSAGE);
        const checked = validateCreateThreadRequest(json.value);
        if (!checked.ok) return errorReply(400, checked.error.message, { param: checked.error.param });
        return { status: 200, body: store.create(checked.value, raw) };
      }
      case "modify": {
        // The contract marks this request body as required.
        const json = parseJson(raw, undefined);
        if (json.kind === "invalid") return errorReply(400, INVALID_JSON_MESSAGE);
        const checked = validateModifyThreadRequest(json.value);
        if (!checked.ok) return errorReply(400, checked.error.message, { param: checked.error.param });
        const id = threadId ?? "";
        const thread = store.modify(id, checked.value);
        return thread ? { status: 200, body: thread } : notFound(id);
      }
      case "retrieve": {
        const id = threadId ?? "";
        const thread = store.get(id);
        return thread ? { status: 200, body: thread } : notFound(id);
      }
      case "delete": {
        const id = threadId ?? "";
        return store.delete(id) ? { status: 200, body: { id, object: "thread.deleted", deleted: true } } : notFound(id);
      }
      case "listMessages": {
        const query = parseListQuery(search);
        if (!query.ok) return errorReply(400, query.issue.message, { param: query.issue.param });
        const listed = store.listMessages(threadId ?? "", query.query);
        if (listed === "thread") return notFound(threadId ?? "");
        return listed.ok ? { status: 200, body: listed.page } : errorReply(400, listed.issue.message, { param: listed.issue.param });
      }
      case "createMessage": {
        // Checked before the body, as the API does: a message for no thread is a 404 whatever it says.
        if (!store.get(threadId ?? "")) return notFound(threadId ?? "");
        const json = parseJson(raw, undefined);
        if (json.kind === "invalid") return errorReply(400, INVALID_JSON_MESSAGE);
        const checked = validateCreateMessageRequest(json.value);
        if (!checked.ok) return errorReply(400, checked.error.message, { param: checked.error.param });
        const message = store.addMessage(threadId ?? "", checked.value);
        return message ? { status: 200, body: message } : notFound(threadId ?? "");
      }
      case "retrieveMessage": {
        const id = route.messageId ?? "";
        return messageReply(id, store.getMessage(threadId ?? "", id));
      }
      case "modifyMessage": {
        const json = parseJson(raw, undefined);
        if (json.kind === "invalid") return errorReply(400, INVALID_JSON_MESSAGE);
        const checked = validateModifyMessageRequest(json.value);
        if (!checked.ok) return errorReply(400, checked.error.message, { param: checked.error.param });
        const id = route.messageId ?? "";
        return messageReply(id, store.modifyMessage(threadId ?? "", id, checked.value));
      }
      case "deleteMessage": {
        const id = route.messageId ?? "";
        const result = store.deleteMessage(threadId ?? "", id);
        if (result !== "deleted") return messageReply(id, result);
        return { status: 200, body: { id, object: "thread.message.deleted", deleted: true } };
      }
    }
  }

  /**
   * `POST /__emulator/threads/{id}/messages`: adds messages as a run would write them
   * (assistant and run ids, annotations, refusals), which the public API cannot. Each item is
   * a MessageObject without `id` and `thread_id`; missing fields take a hand-made message's
   * values, and the result must conform to the contract's MessageObject.
   */
  function insertMessages(threadId: string, raw: string): Reply {
    const json = parseJson(raw, undefined);
    if (json.kind === "invalid") return errorReply(400, INVALID_JSON_MESSAGE);
    const items = Array.isArray(json.value) ? json.value : [json.value];
    const now = Math.floor(Date.now() / 1000);
    const messages: Array<Omit<Message, "id" | "thread_id">> = [];
    for (const [index, item] of items.entries()) {
      const filled = {
        object: "thread.message",
        created_at: now,
        status: "completed",
        incomplete_details: null,
        completed_at: null,
        incomplete_at: null,
        assistant_id: null,
        run_id: null,
        attachments: [],
        metadata: {},
        ...(typeof item === "object" && item !== null ? item : {}),
      };
      const checked = conformsToContract("MessageObject", { ...filled, id: "msg_placeholder", thread_id: threadId });
      if (!checked.ok) return errorReply(400, `Message ${index}: ${checked.error.message}`, { param: checked.error.param });
      messages.push(filled as Omit<Message, "id" | "thread_id">);
    }
    const added = store.insertMessages(threadId, messages);
    return added ? { status: 200, body: { object: "list", data: added } } : errorReply(404, `No thread found with id '${threadId}'.`);
  }

  /** Carries out a fault's misbehaviour in place of (or instead of finishing) the response. */
  function inflict(fault: Fault, request: IncomingMessage, response: ServerResponse): void {
    switch (fault.kind) {
      case "status": {
        const injected = statusFaultResponse(fault);
        send(response, { status: injected.status, body: injected.body, headers: injected.headers });
        return;
      }
      case "drop":
        request.socket.destroy();
        return;
      case "hang":
        hang(response);
        return;
      case "latency":
        return;
    }
  }

  function control(method: string, pathname: string, raw: string): Reply {
    const allowed = (allow: string[]): Reply =>
      errorReply(405, `Method ${method} is not allowed on ${pathname}.`, { headers: { allow: allow.join(", ") } });
    switch (pathname) {
      case "/__emulator/health":
        if (method !== "GET") return allowed(["GET"]);
        return {
          status: 200,
          body: {
            ok: true,
            threads: store.size,
            ledger: store.ledger().length,
            pending_faults: faults.pending().length,
            hanging: hanging.size,
          },
        };
      case "/__emulator/ledger":
        if (method !== "GET") return allowed(["GET"]);
        return { status: 200, body: { object: "list", data: store.ledger() } };
      case "/__emulator/faults": {
        if (method === "GET") return { status: 200, body: { object: "list", data: faults.pending() } };
        if (method === "DELETE") return { status: 200, body: { cleared: faults.clear() } };
        if (method !== "POST") return allowed(["GET", "POST", "DELETE"]);
        const json = parseJson(raw, undefined);
        if (json.kind === "invalid") return errorReply(400, INVALID_JSON_MESSAGE);
        const parsed = parseFaults(json.value);
        if (!parsed.ok) return errorReply(400, parsed.message);
        faults.add(parsed.faults);
        return { status: 200, body: { queued: parsed.faults.length, pending: faults.pending().length } };
      }
      default: {
        const insert = /^\/__emulator\/threads\/([^/]+)\/messages$/.exec(pathname);
        if (insert?.[1]) {
          if (method !== "POST") return allowed(["POST"]);
          return insertMessages(decodeURIComponent(insert[1]), raw);
        }
        return errorReply(404, `Invalid URL (${method} ${pathname})`);
      }
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const { pathname, searchParams } = new URL(request.url ?? "/", "http://emulator.invalid");
    const body = await readBody(request, maxBodyBytes);
    if (body.kind === "too-large") {
      send(response, errorReply(413, `Request body too large. The maximum size is ${maxBodyBytes} bytes.`, {
        headers: { connection: "close" },
      }));
      return;
    }

    if (pathname === "/__emulator" || pathname.startsWith("/__emulator/")) {
      // Unauthenticated by design, so only ever reachable from this machine.
      if (!isLoopback(request.socket.remoteAddress)) {
        send(response, errorReply(403, "The emulator control endpoints only accept loopback clients."));
        return;
      }
      send(response, control(method, pathname, body.raw));
      return;
    }

    const route = routeOf(method, pathname);
    if (route.kind === "unknown") {
      send(response, errorReply(404, `Invalid URL (${method} ${pathname})`));
      return;
    }
    if (route.kind === "method-not-allowed") {
      send(response, errorReply(405, `Method ${method} is not allowed on ${pathname}. Allowed: ${route.allow.join(", ")}.`, {
        headers: { allow: route.allow.join(", ") },
      }));
      return;
    }

    const fault = faults.take({ method, path: pathname, body: body.raw });
    if (fault?.kind === "latency") {
      await sleep(fault.ms);
      if (closing) return;
    }
    const when: FaultTiming | undefined = fault && fault.kind !== "latency" ? (fault.when ?? "before") : undefined;
    if (fault && when === "before") {
      inflict(fault, request, response);
      return;
    }
    const reply = execute(route, request, searchParams, body.raw);
    // "after": the work (and its ledger entry) happened; only the response goes wrong.
    if (fault && when === "after") {
      inflict(fault, request, response);
      return;
    }
    send(response, reply);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      send(response, errorReply(500, `The emulator failed to handle the request: ${detail}`, { type: "server_error" }));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = formatUrl(host, (server.address() as AddressInfo).port);

  let closed: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing = true;
        for (const wake of [...sleepers]) wake();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung and keep-alive connections would otherwise keep close() pending forever.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
    ledger: () => store.ledger(),
    addFault(fault) {
      const parsed = parseFaults(fault);
      if (!parsed.ok) throw new Error(parsed.message);
      faults.add(parsed.faults);
    },
    clearFaults() {
      faults.clear();
    },
  };
}
