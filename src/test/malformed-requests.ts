// Generates HTTP requests to /api/trpc that no Spool client would send and no procedure may
// accept: each is wrong by construction (never "maybe valid"), so every answer must be a 4xx.
// Deterministic for a seed, so a failure can be replayed.
import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { MAX_REQUEST_BODY_BYTES } from "~/server/security/request-body-guard";

export type MalformedRequest = {
  /** What is wrong, for the failure report and the per-kind tally. */
  kind: string;
  method: "GET" | "POST";
  /** Path and query after the origin, e.g. `/api/trpc/threads.create`. */
  url: string;
  contentType: string | null;
  body?: Uint8Array;
  /** Statuses this request may get; each is a 4xx. */
  expect: readonly number[];
  /** A field path (formatIssuePath style) the error must name; "" when the fault is the whole input. */
  field?: string;
  /** Idempotency keys inside, to prove none was stored. */
  keys: string[];
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** mulberry32: small, fast and good enough to pick cases; the seed replays a run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[int(0, 15)]).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
  const word = (min = 1, max = 12) => Array.from({ length: int(min, max) }, () => pick([..."abcdefghijklmnopqrstuvwxyz_"])).join("");
  return { next, int, pick, chance, uuid, word };
}
type Random = ReturnType<typeof seededRandom>;

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;
const BAD_TEXTS = ["\u0000", "a\u0000b", "\ud800", "x\udbff", "\udc00y", "\udfff\ud800", "😀\ud83d"];
/** Byte sequences no UTF-8 decoder may accept. */
const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xfe],
  [0xc3, 0x28],
  [0xc0, 0xaf], // overlong "/"
  [0xe0, 0x80, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // encoded surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0x80],
  [0xe2, 0x82], // truncated
];

// ---------------------------------------------------------------------------
// JSON with own keys JSON.stringify keeps, `__proto__` included
// ---------------------------------------------------------------------------

/** Sets `key` as an own, enumerable property, even `__proto__` (as JSON.parse would). */
function put(target: Record<string, Json>, key: string, value: Json) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function at(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) node = node !== null && typeof node === "object" ? (node as Record<string, Json>)[key as string] : undefined;
  return node;
}

/** A copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
function withValue(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  const copy = clone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string, Json> | Json[];
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last as string];
  } else if (Array.isArray(parent)) parent[last as number] = value;
  else put(parent, last as string, value);
  return copy;
}

/** Every object inside `value`, with its path. */
function objectPaths(value: Json, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const own = Array.isArray(value) ? [] : [path];
  const children = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [...own, ...children.flatMap(([key, child]) => objectPaths(child, [...path, key]))];
}

/** Every string value inside `value`, with its path. */
function stringPaths(value: Json, path: Path = []): Path[] {
  if (typeof value === "string") return [path];
  if (value === null || typeof value !== "object") return [];
  const children = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return children.flatMap(([key, child]) => stringPaths(child, [...path, key]));
}

/** Stands in for a deeply nested value until the body is text: JSON.stringify would overflow the stack. */
const DEEP = "\u0001deep\u0001";

function nested(depth: number, leaf: Json, random: Random): { value: Json; text: (json: string) => string } {
  const [open, close] = random.chance(0.5) ? ["[", "]"] : ['{"a":', "}"];
  const deep = `${open.repeat(depth)}${JSON.stringify(leaf)}${close.repeat(depth)}`;
  return { value: DEEP, text: (json) => json.replace(JSON.stringify(DEEP), deep) };
}

// ---------------------------------------------------------------------------
// Valid inputs, the starting point every fault is made in
// ---------------------------------------------------------------------------

function validCreateRequest(random: Random): { [key: string]: Json } {
  const request: { [key: string]: Json } = {};
  const messages: Json[] = [];
  for (let i = random.int(0, 3); i > 0; i--) {
    const content: Json = random.chance(0.5)
      ? random.word(0, 30)
      : [
          { type: "text", text: random.word() },
          random.chance(0.5)
            ? { type: "image_url", image_url: { url: `https://example.com/${random.word()}.png`, detail: "low" } }
            : { type: "image_file", image_file: { file_id: `file-${random.word()}` } },
        ];
    const message: { [key: string]: Json } = { role: random.pick(["user", "assistant"]), content };
    if (random.chance(0.3)) message.metadata = { [random.word()]: random.word() };
    if (random.chance(0.2)) message.attachments = [{ file_id: `file-${random.word()}`, tools: [{ type: "code_interpreter" }] }];
    messages.push(message);
  }
  if (messages.length > 0 || random.chance(0.5)) request.messages = messages;
  if (random.chance(0.6)) request.metadata = { [random.word()]: random.word(0, 20), [random.word()]: random.word(0, 20) };
  if (random.chance(0.4)) {
    request.tool_resources = {
      code_interpreter: { file_ids: [`file-${random.word()}`] },
      file_search: random.chance(0.5)
        ? { vector_store_ids: [`vs_${random.word()}`] }
        : { vector_stores: [{ file_ids: [`file-${random.word()}`], chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } } }] },
    };
  }
  return request;
}

/** What a place in the input accepts; a fault replaces it with something it does not. */
type Slot = { path: Path; accepts: (value: Json) => boolean; required: boolean };

const isObject = (value: Json) => value !== null && typeof value === "object" && !Array.isArray(value);
const isString = (value: Json) => typeof value === "string";

/** The slots of a create input, found by walking the valid input the way the contract reads it. */
function createSlots(input: { [key: string]: Json }): Slot[] {
  const slots: Slot[] = [
    { path: [], accepts: isObject, required: true },
    { path: ["idempotencyKey"], accepts: (v) => isString(v) && /^[0-9a-f-]{36}$/i.test(v as string), required: true },
    { path: ["request"], accepts: isObject, required: true },
  ];
  const request = input.request as { [key: string]: Json };
  if ("messages" in request) slots.push({ path: ["request", "messages"], accepts: Array.isArray, required: false });
  (request.messages as Json[] | undefined)?.forEach((message, i) => {
    const base = ["request", "messages", i];
    slots.push({ path: base, accepts: isObject, required: true });
    slots.push({ path: [...base, "role"], accepts: (v) => v === "user" || v === "assistant", required: true });
    const content = (message as { content: Json }).content;
    slots.push({ path: [...base, "content"], accepts: (v) => isString(v) || (Array.isArray(v) && v.length > 0), required: true });
    if (Array.isArray(content)) {
      content.forEach((part, j) => {
        const partPath = [...base, "content", j];
        slots.push({ path: partPath, accepts: isObject, required: true });
        slots.push({ path: [...partPath, "type"], accepts: (v) => v === (part as { type: string }).type, required: true });
        const type = (part as { type: string }).type;
        if (type === "text") slots.push({ path: [...partPath, "text"], accepts: isString, required: true });
        if (type === "image_url") {
          slots.push({ path: [...partPath, "image_url"], accepts: isObject, required: true });
          slots.push({ path: [...partPath, "image_url", "url"], accepts: (v) => isString(v) && /^https?:\/\/\S+$/.test(v as string), required: true });
          slots.push({ path: [...partPath, "image_url", "detail"], accepts: (v) => ["auto", "low", "high"].includes(v as string), required: false });
        }
        if (type === "image_file") {
          slots.push({ path: [...partPath, "image_file"], accepts: isObject, required: true });
          slots.push({ path: [...partPath, "image_file", "file_id"], accepts: isString, required: true });
        }
      });
    }
    if ("metadata" in (message as object)) slots.push({ path: [...base, "metadata"], accepts: (v) => v === null || isObject(v), required: false });
    if ("attachments" in (message as object)) {
      slots.push({ path: [...base, "attachments"], accepts: (v) => v === null || Array.isArray(v), required: false });
      slots.push({ path: [...base, "attachments", 0], accepts: isObject, required: true });
      slots.push({ path: [...base, "attachments", 0, "file_id"], accepts: isString, required: false });
      slots.push({ path: [...base, "attachments", 0, "tools"], accepts: Array.isArray, required: false });
    }
  });
  if ("metadata" in request) {
    slots.push({ path: ["request", "metadata"], accepts: (v) => v === null || isObject(v), required: false });
    for (const key of Object.keys(request.metadata as object)) {
      slots.push({ path: ["request", "metadata", key], accepts: (v) => isString(v) && (v as string).length <= 512, required: false });
    }
  }
  if ("tool_resources" in request) {
    const tr = ["request", "tool_resources"];
    slots.push({ path: tr, accepts: (v) => v === null || isObject(v), required: false });
    slots.push({ path: [...tr, "code_interpreter"], accepts: isObject, required: false });
    slots.push({ path: [...tr, "code_interpreter", "file_ids"], accepts: Array.isArray, required: false });
    slots.push({ path: [...tr, "code_interpreter", "file_ids", 0], accepts: isString, required: true });
    slots.push({ path: [...tr, "file_search"], accepts: isObject, required: false });
    const fileSearch = (request.tool_resources as { file_search: { [key: string]: Json } }).file_search;
    if ("vector_store_ids" in fileSearch) {
      slots.push({ path: [...tr, "file_search", "vector_store_ids"], accepts: Array.isArray, required: true });
    } else {
      const store = [...tr, "file_search", "vector_stores", 0];
      slots.push({ path: [...tr, "file_search", "vector_stores"], accepts: Array.isArray, required: true });
      slots.push({ path: store, accepts: isObject, required: true });
      slots.push({ path: [...store, "chunking_strategy", "type"], accepts: (v) => v === "static", required: true });
      slots.push({ path: [...store, "chunking_strategy", "static", "max_chunk_size_tokens"], accepts: (v) => v === 800, required: true });
    }
  }
  return slots;
}

/** Values of every JSON type, and a few that look right but are not. */
function wrongValue(random: Random, slot: Slot): Json {
  const candidates: Json[] = [
    0, -1, 1.5, 1e308, -0.0001, 2 ** 53 + 1, true, false, null, "", "x", "🙂", " ", "null", "true", "0",
    [], [0], [null], [""], {}, { a: 1 }, { json: null }, "a".repeat(random.int(1, 100)), random.word(),
    "thread_abc", "2026-13-45", "user ", "USER", "text ", "image", "ftp ://x", "/relative.png",
    99999, 4097, 99,
  ];
  const wrong = candidates.filter((value) => !slot.accepts(value));
  return random.pick(wrong);
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

const encoder = new TextEncoder();
const JSON_TYPE = "application/json";

/** A tRPC input on the wire: plain JSON, as Spool's clients send it. */
function envelope(input: Json): string {
  return JSON.stringify(input);
}

/** The superjson envelope Spool's clients used to send: now plain JSON whose fields no schema has. */
function superjsonEnvelope(input: Json, meta: Json): string {
  return JSON.stringify({ json: input, meta });
}

function post(kind: string, procedure: string, body: string | Uint8Array, extra: Partial<MalformedRequest> = {}): MalformedRequest {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const tooLarge = bytes.byteLength > MAX_REQUEST_BODY_BYTES;
  return {
    kind,
    method: "POST",
    url: `/api/trpc/${procedure}`,
    contentType: JSON_TYPE,
    body: bytes,
    keys: [],
    ...extra,
    // A fault past the body limit is answered by the limit, whatever else is wrong.
    expect: tooLarge ? [413] : (extra.expect ?? [400]),
    field: tooLarge ? undefined : extra.field,
  };
}

function get(kind: string, procedure: string, query: string, extra: Partial<MalformedRequest> = {}): MalformedRequest {
  return { kind, method: "GET", url: `/api/trpc/${procedure}?${query}`, contentType: null, keys: [], expect: [400], ...extra };
}

/** One create input with one thing wrong in it. */
function malformedCreate(random: Random): MalformedRequest {
  const key = random.uuid();
  const input: { [key: string]: Json } = { idempotencyKey: key, request: validCreateRequest(random) };
  const slots = createSlots(input);
  const slot = random.pick(slots);
  const field = formatIssuePath(slot.path);
  const keys = [key];
  const send = (kind: string, value: Json, extra: Partial<MalformedRequest> = {}) =>
    post(kind, "threads.create", envelope(value), { keys, field, ...extra });
  const fault = random.int(0, 99);

  if (fault < 22) return send("create: wrong type", withValue(input, slot.path, wrongValue(random, slot)));
  if (fault < 28) {
    // Only named fields: removing an array item can leave a list that is still valid.
    const required = slots.filter((s) => s.required && typeof s.path[s.path.length - 1] === "string");
    const missing = random.pick(required);
    return send("create: missing field", withValue(input, missing.path, undefined), { field: formatIssuePath(missing.path.slice(0, -1)) });
  }
  if (fault < 38) {
    const targets = objectPaths(input);
    const target = random.pick(targets);
    const withKey = clone(input);
    const holder = (target.length ? at(withKey, target) : withKey) as Record<string, Json>;
    const value = random.pick<Json>([{ polluted: true }, "x", 1, null, [], { toString: "x" }, { isAdmin: true }]);
    put(holder, random.pick(PROTOTYPE_KEYS), value);
    return send("create: prototype key", withKey, { field: formatIssuePath(target) });
  }
  if (fault < 46) {
    const depth = random.chance(0.1) ? 10_000 : random.int(33, 400);
    const deep = nested(depth, random.pick<Json>([1, "x", null]), random);
    return post(`create: nesting${depth === 10_000 ? " 10,000" : ""}`, "threads.create", deep.text(envelope(withValue(input, slot.path, deep.value))), { keys, field });
  }
  if (fault < 54) {
    const targets = stringPaths(input);
    const target = random.pick(targets);
    const value = at(input, target) as string;
    const bad = random.pick(BAD_TEXTS);
    return send("create: NUL or lone surrogate", withValue(input, target, value + bad), { field: formatIssuePath(target) });
  }
  if (fault < 58) {
    // The same, in a key.
    const targets = objectPaths(input);
    const target = random.pick(targets);
    const withKey = clone(input);
    put((target.length ? at(withKey, target) : withKey) as Record<string, Json>, `k${random.pick(BAD_TEXTS)}`, "v");
    return send("create: NUL or lone surrogate in a key", withKey, { field: formatIssuePath(target) });
  }
  if (fault < 64) {
    // Over a limit the contract or Spool sets, from just over it to past the body limit.
    const size = random.pick([513, 600, 5_000, 100_000, random.int(513, 900_000), MAX_REQUEST_BODY_BYTES + random.int(1, 100_000)]);
    const which = random.int(0, 3);
    const char = random.pick(["x", "é", "😀"]);
    const long = char.repeat(size);
    if (which === 0) return send("create: oversize metadata value", { ...input, request: { ...(input.request as object), metadata: { k: long } } }, { field: "request.metadata.k" });
    if (which === 1) return send("create: oversize metadata key", { ...input, request: { ...(input.request as object), metadata: { [char.repeat(Math.max(65, size % 5000))]: "v" } } }, { field: "request.metadata" });
    if (which === 2) return send("create: oversize idempotencyKey", { ...input, idempotencyKey: long }, { field: "idempotencyKey" });
    return send("create: oversize unknown field", { ...input, request: { ...(input.request as object), [char.repeat(300)]: long } }, { field: "request" });
  }
  if (fault < 70) {
    const count = random.pick([21, 100, 10_000, random.int(17, 300_000), 600_000]);
    const item = random.pick<Json>([0, null, true, [], "x"]);
    const huge = Array.from({ length: count }, () => item);
    const where = random.int(0, 3);
    const request = input.request as object;
    if (where === 0) return send("create: huge array (messages)", { ...input, request: { ...request, messages: huge } }, { field: "request.messages" });
    if (where === 1)
      return send("create: huge array (file_ids)", { ...input, request: { ...request, tool_resources: { code_interpreter: { file_ids: huge.map(String) } } } }, { field: "request.tool_resources.code_interpreter.file_ids" });
    if (where === 2) {
      const pairs: { [key: string]: Json } = {};
      for (let i = 0; i < Math.max(17, count % 20_000); i++) pairs[`k${i}`] = "v";
      return send("create: too many metadata pairs", { ...input, request: { ...request, metadata: pairs } }, { field: "request.metadata" });
    }
    return send("create: huge array in place of a field", withValue(input, slot.path, huge));
  }
  if (fault < 74) {
    const strict = random.pick([["request"], ...((input.request as { messages?: Json[] }).messages ?? []).map((_, i) => ["request", "messages", i])]);
    const known = ["messages", "tool_resources", "metadata", "role", "content", "attachments"];
    const candidate = random.pick(["foo", "Messages", "role ", "tool-resources", "__defineGetter__", "hasOwnProperty", "toString", "valueOf", random.word()]);
    const name = known.includes(candidate) ? "foo" : candidate;
    const holder = clone(input);
    put(at(holder, strict) as Record<string, Json>, name, random.pick<Json>([1, "x", null, {}]));
    return send("create: unknown field", holder, { field: formatIssuePath([...strict, name]) });
  }
  if (fault < 80) {
    // Broken JSON: never a prefix or splice that is still JSON.
    const text = envelope(input);
    const cut = random.int(1, text.length - 1);
    const variant = random.int(0, 6);
    const broken = [
      text.slice(0, cut),
      `${text}}`,
      text.replace(/:/, "::"),
      text.replace(/"/g, "'"),
      `${text.slice(0, -1)},}`,
      text.replace(/"idempotencyKey"/, "idempotencyKey"),
      random.pick(["", "{", "[", "nul", "NaN", "undefined", "{json:1}", '{"json":', "\u0000", "0x10", "{}{}", "[1,]"]),
    ][variant]!;
    return post("create: malformed JSON", "threads.create", broken, { keys, field: undefined, expect: broken === "" ? [400] : [400] });
  }
  if (fault < 86) {
    const bytes = encoder.encode(envelope(input));
    const cut = random.int(1, bytes.byteLength - 1);
    const invalid = random.pick(INVALID_UTF8);
    const body = random.chance(0.2)
      ? new Uint8Array([...bytes, ...invalid])
      : new Uint8Array([...bytes.subarray(0, cut), ...invalid, ...bytes.subarray(cut)]);
    return post("create: invalid UTF-8", "threads.create", body, { keys });
  }
  if (fault < 90) {
    const contentType = random.pick([null, "text/plain", "text/plain;charset=UTF-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonl", "application/xml", "json", "", "application/json-patch+json", "APPLICATION/JSONX"]);
    return post("create: wrong content type", "threads.create", envelope(input), { keys, contentType, expect: [415] });
  }
  if (fault < 97) return superjsonTrick(random, input, keys);
  return batchOfFaults(random);
}

/**
 * superjson's `meta` describing types no input has, at paths that escape the value. Inputs
 * are plain JSON now, so the envelope itself is what is wrong (no idempotencyKey at the top);
 * these prove that no old client trick gets through, or costs more than a refusal.
 */
function superjsonTrick(random: Random, input: { [key: string]: Json }, keys: string[]): MalformedRequest {
  // The input itself is wrong in a way no annotation can fix: there is no annotation that makes a uuid.
  const broken = { ...input, idempotencyKey: random.pick<Json>([0, "not-a-uuid", null, [], {}]) };
  const path = random.pick([
    "__proto__", "__proto__.polluted", "constructor.prototype.polluted", "request.__proto__", "request.metadata.__proto__",
    "idempotencyKey", "request", "request.messages", "request.messages.0", "nope.nope.nope", "", "prototype", "a".repeat(5000),
    Array.from({ length: 2000 }, () => "a").join("."),
  ]);
  const annotation = random.pick<Json>([
    ["undefined"], ["bigint"], ["Date"], ["regexp"], ["set"], ["map"], ["number"], ["Error"], ["symbol", "s"], ["class", "Foo"],
    ["custom", "x"], ["typed-array", "Int8Array"], ["typed-array", "Nope"], "Date", "bigint", 5, null, [], [[]], {}, ["URL"],
  ]);
  const trick = random.int(0, 6);
  if (trick === 6) {
    // Each level's two items point at the next level: 2^levels values from a body of a few kilobytes.
    const levels = random.int(21, 31);
    const json = { ...broken, ...Object.fromEntries(Array.from({ length: levels }, (_, i) => [`l${i}`, [0, 0]])) };
    const referentialEqualities = Object.fromEntries(Array.from({ length: levels - 1 }, (_, i) => [`l${i + 1}`, [`l${i}.0`, `l${i}.1`]]));
    return post("create: superjson reference bomb", "threads.create", superjsonEnvelope(json, { referentialEqualities }), { keys });
  }
  const meta: Json =
    trick === 0
      ? { values: { [path]: annotation } }
      : trick === 1
        ? { referentialEqualities: { [random.pick(["idempotencyKey", "request", ""])]: [path] } }
        : trick === 2
          ? { referentialEqualities: { [path]: ["request.messages", "request.metadata"] } }
          : trick === 3
            ? random.pick<Json>([5, "x", [], null, true, { values: 5 }, { values: [] }, { values: "Date" }, { referentialEqualities: 1 }, { referentialEqualities: [[]] }, { v: "x" }])
            : trick === 4
              ? { values: [annotation, { [path]: annotation }] }
              : { values: DEEP };
  const body = nested(random.int(33, 5000), annotation, random).text(superjsonEnvelope(broken, meta));
  return post(`create: superjson meta ${["values", "ref → proto", "ref from odd path", "wrong shape", "root values", "deep values"][trick]}`, "threads.create", body, {
    keys,
  });
}

/** `?batch=1`: the same faults, several calls per request, and batch envelopes that are wrong. */
function batchOfFaults(random: Random): MalformedRequest {
  const count = random.int(1, 20);
  const keys: string[] = [];
  const inputs: { [key: string]: Json } = {};
  for (let i = 0; i < count; i++) {
    const key = random.uuid();
    keys.push(key);
    inputs[i] = { idempotencyKey: key, request: { messages: [{ role: random.pick(["bot", 1, null]), content: "x" }] } };
  }
  const paths = Array.from({ length: count }, () => "threads.create").join(",");
  const variant = random.int(0, 2);
  const body = variant === 0 ? JSON.stringify(inputs) : variant === 1 ? random.pick(["[]", "5", '"x"', "null"]) : JSON.stringify({ 0: inputs[0], __proto__x: 1 });
  return {
    ...post("create: batch", `${paths}?batch=1`, body, { keys }),
    // A whole batch refused at once answers with the one status; a refused item inside with it too.
    expect: [400],
  };
}

// ---------------------------------------------------------------------------
// The other procedures
// ---------------------------------------------------------------------------

const BAD_IDS: Json[] = ["", " ", "thread abc", "thread/../x", "thread_%00", "x".repeat(201), "thread_\u0000", "thread_\ud800", "thread_é", 5, null, true, [], {}, ["thread_1"], { id: "thread_1" }];
const BAD_UUIDS: Json[] = ["", "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "x".repeat(10_000), 0, null, {}, [], "{00000000-0000-0000-0000-000000000000}"];

function malformedOther(random: Random): MalformedRequest {
  const which = random.int(0, 8);
  const protoInput = (base: { [key: string]: Json }) => {
    const copy = clone(base);
    put(copy, random.pick(PROTOTYPE_KEYS), { polluted: true });
    return copy;
  };
  if (which <= 1) return malformedList(random);
  if (which === 2) {
    const procedure = random.pick(["threads.import", "threads.delete", "threads.refresh"]);
    const id = random.pick(BAD_IDS);
    if (random.chance(0.15)) return post(`${procedure}: prototype key`, procedure, envelope(protoInput({ id: "thread_x" })));
    if (random.chance(0.1)) return post(`${procedure}: missing id`, procedure, envelope({}), { field: "id" });
    return post(`${procedure}: bad id`, procedure, envelope({ id }), { field: "id" });
  }
  if (which === 3) {
    const id = random.pick(BAD_IDS);
    const query = `input=${encodeURIComponent(envelope({ id }))}`;
    return get("threads.byId: bad id", "threads.byId", query, { field: "id" });
  }
  if (which === 4 || which === 5) {
    // A well-formed id with a modify request that is not, or the reverse.
    const wrongRequest = random.pick<Json>([
      { metadata: { k: "x".repeat(513) } },
      { metadata: { [random.pick(PROTOTYPE_KEYS)]: "x" } },
      { metadata: { "k\u0000": "v" } },
      { metadata: "x" },
      { metadata: [] },
      { tool_resources: 5 },
      { tool_resources: { code_interpreter: { file_ids: Array.from({ length: 21 }, (_, i) => `f${i}`) } } },
      { messages: [] },
      { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) },
      DEEP,
      "x",
      null,
    ]);
    const raw = random.chance(0.5) ? { id: `thread_${random.word()}`, request: wrongRequest } : { id: random.pick(BAD_IDS), request: {} };
    const input = random.chance(0.2) ? protoInput(raw) : raw;
    return post("threads.update: bad input", "threads.update", nested(random.int(40, 1000), 1, random).text(envelope(input)));
  }
  if (which === 6) {
    const procedure = random.pick(["attempts.retry", "attempts.dismiss"]);
    const input: Json = random.chance(0.1) ? protoInput({ id: random.uuid() }) : random.chance(0.1) ? random.pick<Json>([null, 5, "x", [], {}]) : { id: random.pick(BAD_UUIDS) };
    return post(`${procedure}: bad id`, procedure, envelope(input));
  }
  if (which === 7) {
    const input: Json = random.pick<Json>([{ limit: 0 }, { limit: 101 }, { limit: "5" }, { limit: 1.5 }, { cursor: "x" }, { cursor: 5 }, { limit: null }, "x", 5, { cursor: random.uuid(), extra: DEEP }]);
    return get("attempts.list: bad input", "attempts.list", `input=${encodeURIComponent(nested(50, 1, random).text(envelope(input)))}`);
  }
  // Wrong method, unknown procedure, URL faults.
  const variant = random.int(0, 4);
  if (variant === 0) return get("GET of a mutation", random.pick(["threads.create", "threads.delete", "attempts.retry"]), `input=${encodeURIComponent(envelope({}))}`, { expect: [405] });
  if (variant === 1) return post("POST of a query", random.pick(["threads.list", "threads.byId", "attempts.count"]), envelope({}), { expect: [405] });
  if (variant === 2) return post("unknown procedure", random.pick(["threads.nope", "__proto__", "constructor", "threads.__proto__", "threads.constructor.prototype", "toString", "threads..create", "threads.create.x"]), envelope({}), { expect: [404] });
  if (variant === 3) return get("URL not UTF-8", "threads.list", `input=${random.pick(["%C3%28", "%FF", "%ED%A0%80", "%E2%82"])}`);
  return get("URL not JSON", "threads.list", `input=${encodeURIComponent(random.pick(["{", "x", "{'json':1}", "[1,]", '{"json":'] as const))}`);
}

function malformedList(random: Random): MalformedRequest {
  const filters = random.pick<[Json, string]>([
    [{ metadata: "x" }, "filters.metadata"],
    [{ metadata: [{ key: "", value: "v" }] }, "filters.metadata[0].key"],
    [{ metadata: [{ key: "k".repeat(65), value: "v" }] }, "filters.metadata[0].key"],
    [{ metadata: [{ key: "k", value: "v".repeat(513) }] }, "filters.metadata[0].value"],
    [{ metadata: [{ key: "k", value: "v" }, { key: "k", value: "w" }] }, "filters.metadata[1].key"],
    [{ metadata: Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: "v" })) }, "filters.metadata"],
    [{ metadata: [{ key: "k", value: 5 }] }, "filters.metadata[0].value"],
    [{ metadata: [{ key: "k", value: "v", extra: 1 }] }, "filters.metadata[0]"],
    [{ createdFrom: "yesterday" }, "filters.createdFrom"],
    [{ createdFrom: "2026-02-30" }, "filters.createdFrom"],
    [{ createdFrom: "2026-11-24", createdTo: "2026-11-01" }, "filters.createdTo"],
    [{ createdBy: "" }, "filters.createdBy"],
    [{ createdBy: "x".repeat(201) }, "filters.createdBy"],
    [{ deleted: "all" }, "filters.deleted"],
    [{ search: "s".repeat(201) }, "filters.search"],
    [{ search: 5 }, "filters.search"],
    [{ search: "a\u0000b" }, "filters.search"],
    [{ search: "\ud800" }, "filters.search"],
    [{ order: "random" }, "filters.order"],
    [{ nope: 1 }, "filters.nope"],
    [[], "filters"],
    ["x", "filters"],
  ]);
  const [input, field] = random.pick<[Json, string]>([
    [{ filters: filters[0] }, filters[1]],
    [{ limit: random.pick<Json>([0, -1, 101, 1.5, "10", null, 1e308, []]) }, "limit"],
    [{ cursor: random.pick<Json>(["!!!", "x".repeat(401), 5, {}, Buffer.from('["newest",-1,"t"]').toString("base64url"), Buffer.from("[").toString("base64url"), Buffer.from('{"__proto__":1}').toString("base64url")]) }, "cursor"],
    [{ filters: DEEP }, "filters"],
    [JSON.parse('{"filters":{"__proto__":{"polluted":true}}}') as Json, "filters"],
  ]);
  // Queries go in the URL; a long one is still a 4xx, never a 500.
  const text = nested(random.int(33, 300), 1, random).text(envelope(input));
  return random.chance(0.8)
    ? get("threads.list: bad input", "threads.list", `input=${encodeURIComponent(text)}`, { field })
    : post("POST of a query", "threads.list", text, { expect: [405] });
}

/**
 * `createCount` requests to threads.create for `seed`, and `otherShare` as many again to the other
 * procedures and to the route itself, interleaved.
 */
export function malformedRequests(seed: number, createCount: number, otherShare = 0.25): MalformedRequest[] {
  const random = seededRandom(seed);
  let creates = createCount;
  let others = Math.round(createCount * otherShare);
  const requests: MalformedRequest[] = [];
  while (creates + others > 0) {
    if (random.next() * (creates + others) < creates) {
      creates--;
      requests.push(malformedCreate(random));
    } else {
      others--;
      requests.push(malformedOther(random));
    }
  }
  return requests;
}
