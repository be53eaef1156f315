// Validates thread and message requests against the vendored OpenAPI contracts, independently of the app's
// own zod schemas: the point is a second opinion on the contract, so nothing here is shared.
//
// Two layers: the JSON Schema in the YAML (compiled with Ajv, draft 2020-12), then the limits
// that only exist in the contract's prose (metadata sizes, chunk overlap).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";

// ---------------------------------------------------------------------------------------------
// Request shapes, as the contract allows them. Only trusted after validation succeeded.

export type Metadata = Record<string, string>;

export type ChunkingStrategy =
  | { type: "auto" }
  | { type: "static"; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };

export type VectorStoreHelper = {
  file_ids?: string[];
  chunking_strategy?: ChunkingStrategy;
  metadata?: Metadata | null;
};

export type MessageContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } }
  | { type: "image_file"; image_file: { file_id: string; detail?: "auto" | "low" | "high" } };

export type CreateMessageRequest = {
  role: "user" | "assistant";
  content: string | MessageContentPart[];
  // The contract puts `required: [file_id, tools]` on the array rather than its items, so
  // neither is actually required; mirrored faithfully.
  attachments?: Array<{
    file_id?: string;
    tools?: Array<{ type: "code_interpreter" } | { type: "file_search" }>;
  }> | null;
  metadata?: Metadata | null;
};

export type CreateThreadRequest = {
  messages?: CreateMessageRequest[];
  tool_resources?: {
    code_interpreter?: { file_ids?: string[] };
    file_search?: { vector_store_ids?: string[]; vector_stores?: VectorStoreHelper[] };
  } | null;
  metadata?: Metadata | null;
};

export type ModifyMessageRequest = { metadata?: Metadata | null };

export type ModifyThreadRequest = {
  tool_resources?: {
    code_interpreter?: { file_ids?: string[] };
    file_search?: { vector_store_ids?: string[] };
  } | null;
  metadata?: Metadata | null;
};

/** One contract violation, phrased like OpenAI's `invalid_request_error`s. */
export type ContractIssue = {
  message: string;
  /** OpenAI-style path (`messages[0].content[1].image_url.url`); null for the body itself. */
  param: string | null;
};

export type ContractCheck<T> = { ok: true; value: T } | { ok: false; error: ContractIssue };

/** Component schemas that responses can be checked against (used by tests). */
const RESPONSE_SCHEMAS = {
  ThreadObject: "threads",
  DeleteThreadResponse: "threads",
  ErrorResponse: "threads",
  MessageObject: "messages",
  ListMessagesResponse: "messages",
  DeleteMessageResponse: "messages",
} as const;
export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

// Prose-only limits from the contract's descriptions.
export const METADATA_MAX_PAIRS = 16;
export const METADATA_MAX_KEY_LENGTH = 64;
export const METADATA_MAX_VALUE_LENGTH = 512;

// ---------------------------------------------------------------------------------------------
// Loading and compiling the contracts

/** The vendored OpenAPI documents, each the trimmed official text for its endpoints. */
const CONTRACT_FILES = {
  threads: "contract/openai-threads.openapi.yaml",
  messages: "contract/openai-thread-messages.openapi.yaml",
} as const;
type ContractName = keyof typeof CONTRACT_FILES;

/**
 * Where a schema object sits: the document and a JSON pointer inside it
 * (`messages#/components/schemas/CreateMessageRequest`).
 */
type SchemaRef = `${ContractName}#${string}`;

type JsonObject = { [key: string]: unknown };

type Contracts = {
  documents: Record<ContractName, JsonObject>;
  ajv: Ajv2020;
  /** The SchemaRef of every schema object in the documents, so Ajv errors can be traced back. */
  pointers: WeakMap<object, SchemaRef>;
  validators: Map<SchemaRef, ValidateFunction>;
};

let contracts: Contracts | undefined;

// Any absolute URI works; it only namespaces a document inside Ajv.
const contractId = (name: ContractName) => `https://spool.invalid/${CONTRACT_FILES[name]}`;

function locateContract(file: string): string {
  const candidates = [
    // Stable regardless of the working directory: src/emulator -> repo root.
    fileURLToPath(new URL(`../../${file}`, import.meta.url)),
    // Fallback for bundlers that relocate this module (import.meta.url then points elsewhere).
    path.resolve(process.cwd(), file),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`OpenAPI contract not found; looked in: ${candidates.join(", ")}`);
  return found;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function indexPointers(node: unknown, ref: SchemaRef, into: WeakMap<object, SchemaRef>): void {
  if (typeof node !== "object" || node === null) return;
  if (!into.has(node)) into.set(node, ref);
  const entries: Array<[string, unknown]> = Array.isArray(node)
    ? node.map((child, index): [string, unknown] => [String(index), child])
    : Object.entries(node);
  for (const [key, child] of entries) indexPointers(child, `${ref}/${escapePointerToken(key)}`, into);
}

function loadContracts(): Contracts {
  if (contracts) return contracts;
  // OpenAPI vendor keywords (x-stainless-const, x-oaiTypeLabel, ...) are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: false, verbose: true });
  addFormats(ajv);
  ajv.addFormat("unixtime", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
  const pointers = new WeakMap<object, SchemaRef>();
  const documents = {} as Record<ContractName, JsonObject>;
  for (const name of Object.keys(CONTRACT_FILES) as ContractName[]) {
    const parsed: unknown = parseYaml(readFileSync(locateContract(CONTRACT_FILES[name]), "utf8"));
    if (!isObject(parsed)) throw new Error(`OpenAPI contract ${CONTRACT_FILES[name]} is not a YAML mapping`);
    ajv.addSchema(parsed, contractId(name));
    indexPointers(parsed, `${name}#`, pointers);
    documents[name] = parsed;
  }
  contracts = { documents, ajv, pointers, validators: new Map() };
  return contracts;
}

/** Parses and compiles the contracts now, so a broken contract fails at startup, not mid-test. */
export function warmUpContract(): void {
  validatorAt("threads#/components/schemas/CreateThreadRequest");
  validatorAt("threads#/components/schemas/ModifyThreadRequest");
  validatorAt("messages#/components/schemas/CreateMessageRequest");
  validatorAt("messages#/components/schemas/ModifyMessageRequest");
}

function splitRef(ref: SchemaRef): { name: ContractName; pointer: string } {
  const hash = ref.indexOf("#");
  return { name: ref.slice(0, hash) as ContractName, pointer: ref.slice(hash + 1) };
}

function validatorAt(ref: SchemaRef): ValidateFunction {
  const { ajv, validators } = loadContracts();
  let validate = validators.get(ref);
  if (!validate) {
    const { name, pointer } = splitRef(ref);
    const fragment = pointer
      .split("/")
      .map((token) => encodeURIComponent(token))
      .join("/");
    validate = ajv.compile({ $ref: `${contractId(name)}#${fragment}` });
    validators.set(ref, validate);
  }
  return validate;
}

function resolvePointer(ref: SchemaRef): unknown {
  const { name, pointer } = splitRef(ref);
  let node: unknown = loadContracts().documents[name];
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** Follows local `$ref`s (within the document `name`) to the schema object they stand for. */
function dereference(schema: unknown, name: ContractName): unknown {
  let node = schema;
  for (let hops = 0; hops < 16 && isObject(node) && typeof node.$ref === "string"; hops++) {
    if (!node.$ref.startsWith("#")) return node;
    node = resolvePointer(`${name}${node.$ref}` as SchemaRef);
  }
  return node;
}
// ---------------------------------------------------------------------------------------------
// Turning Ajv's errors into one OpenAI-style issue

type Segment = string | number;

function formatParam(segments: readonly Segment[]): string | null {
  if (segments.length === 0) return null;
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

function quoted(segments: readonly Segment[]): string {
  const param = formatParam(segments);
  return param === null ? "the request body" : `'${param}'`;
}

function issue(message: string, segments: readonly Segment[]): ContractIssue {
  return { message, param: formatParam(segments) };
}

/** Walks the data along an Ajv instancePath so array positions render as `[i]`, keys as `.k`. */
function segmentsOf(data: unknown, instancePath: string): Segment[] {
  const segments: Segment[] = [];
  let node = data;
  for (const raw of instancePath.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const index = Number(token);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(token);
      node = isObject(node) ? node[token] : undefined;
    }
  }
  return segments;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function withArticle(type: string): string {
  if (type === "null") return "null";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function joinAlternatives(items: readonly string[], conjunction: "and" | "or"): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  return `${items.slice(0, -1).join(", ")}, ${conjunction} ${items[items.length - 1]}`;
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const clipped = text.length > 100 ? `${text.slice(0, 100)}...` : text;
  return typeof value === "string" ? `'${clipped}'` : clipped;
}

function typeMismatch(segments: readonly Segment[], expected: readonly string[], actual: unknown): ContractIssue {
  // A nullable field is reported by its real type, like OpenAI does ("expected an object").
  const meaningful = expected.filter((type) => type !== "null");
  const wanted = (meaningful.length > 0 ? meaningful : expected).map(withArticle);
  const phrase = wanted.length > 1 ? `one of ${joinAlternatives(wanted, "or")}` : wanted[0] ?? "a different type";
  return issue(
    `Invalid type for ${quoted(segments)}: expected ${phrase}, but got ${withArticle(jsonTypeOf(actual))} instead.`,
    segments,
  );
}

function numberParam(params: unknown, key: string): number {
  const value = isObject(params) ? params[key] : undefined;
  return typeof value === "number" ? value : Number.NaN;
}

function stringParam(params: unknown, key: string): string {
  const value = isObject(params) ? params[key] : undefined;
  return typeof value === "string" ? value : "";
}

/** Phrases a single non-combinator Ajv error the way OpenAI would. */
function describe(error: ErrorObject, at: readonly Segment[]): ContractIssue {
  const { params, data } = error;
  switch (error.keyword) {
    case "required": {
      const where = [...at, stringParam(params, "missingProperty")];
      return issue(`Missing required parameter: ${quoted(where)}.`, where);
    }
    case "additionalProperties": {
      const where = [...at, stringParam(params, "additionalProperty")];
      return issue(`Unrecognized request argument supplied: ${formatParam(where)}`, where);
    }
    case "type":
      return typeMismatch(at, stringParam(params, "type").split(","), data);
    case "enum":
    case "const": {
      const allowed: unknown[] =
        error.keyword === "enum"
          ? isObject(params) && Array.isArray(params.allowedValues) ? params.allowedValues : []
          : [isObject(params) ? params.allowedValue : undefined];
      return issue(
        `Invalid value for ${quoted(at)}: ${show(data)}. Supported values are: ${joinAlternatives(allowed.map(show), "and")}.`,
        at,
      );
    }
    case "maxItems": {
      const length = Array.isArray(data) ? data.length : Number.NaN;
      return issue(
        `Invalid ${quoted(at)}: array too long. Expected an array with maximum length ${numberParam(params, "limit")}, but got an array with length ${length} instead.`,
        at,
      );
    }
    case "minItems": {
      const length = Array.isArray(data) ? data.length : Number.NaN;
      const limit = numberParam(params, "limit");
      return length === 0
        ? issue(`Invalid ${quoted(at)}: empty array. Expected an array with minimum length ${limit}, but got an empty array instead.`, at)
        : issue(`Invalid ${quoted(at)}: array too short. Expected an array with minimum length ${limit}, but got an array with length ${length} instead.`, at);
    }
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const below = error.keyword.toLowerCase().endsWith("minimum");
      const kind = Number.isInteger(data) ? "integer" : "number";
      return issue(
        `Invalid ${quoted(at)}: ${kind} ${below ? "below minimum" : "above maximum"} value. Expected a value ${stringParam(params, "comparison")} ${numberParam(params, "limit")}, but got ${show(data)} instead.`,
        at,
      );
    }
    case "maxLength":
    case "minLength": {
      const length = typeof data === "string" ? [...data].length : Number.NaN;
      const long = error.keyword === "maxLength";
      return issue(
        `Invalid ${quoted(at)}: string too ${long ? "long" : "short"}. Expected a string with ${long ? "maximum" : "minimum"} length ${numberParam(params, "limit")}, but got a string with length ${length} instead.`,
        at,
      );
    }
    case "format": {
      const format = stringParam(params, "format");
      const what = format === "uri" ? "URL" : `value in '${format}' format`;
      return issue(`Invalid ${quoted(at)}: expected a valid ${what}, but got ${show(data)} instead.`, at);
    }
    default:
      return issue(`Invalid ${quoted(at)}: ${error.message ?? "does not match the contract"}.`, at);
  }
}

function discriminatorValues(schema: unknown): unknown[] | undefined {
  if (!isObject(schema) || !isObject(schema.properties)) return undefined;
  const type = schema.properties.type;
  if (!isObject(type)) return undefined;
  if (Array.isArray(type.enum)) return type.enum;
  if ("const" in type) return [type.const];
  return undefined;
}

function acceptsJsonType(schema: unknown, actual: string): boolean {
  if (!isObject(schema) || schema.type === undefined) return true;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.some((type) => type === actual || (type === "number" && actual === "integer"));
}

/** Branches of the form `{ required: [key] }`: "exactly one of these keys" in oneOf. */
function requiredOnlyKeys(branches: readonly unknown[]): string[] | undefined {
  const keys: string[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || Object.keys(branch).length !== 1 || !Array.isArray(branch.required)) return undefined;
    for (const key of branch.required) if (typeof key === "string") keys.push(key);
  }
  return keys;
}

function depthOf(error: ErrorObject | undefined): number {
  return error ? error.instancePath.split("/").length : -1;
}

type BranchChoice = { index: number } | { issue: ContractIssue };

/**
 * A failed oneOf/anyOf reports every branch's errors, mostly irrelevant ones. Decide which branch
 * the caller evidently meant (by JSON type, then by a `type` discriminator, then by whichever
 * branch got furthest into the data) and report only that branch's complaint.
 */
function chooseBranch(
  error: ErrorObject,
  combinatorPointer: SchemaRef,
  branches: readonly unknown[],
  at: readonly Segment[],
): BranchChoice {
  const data = error.data;
  const passing = isObject(error.params) ? error.params.passingSchemas : undefined;
  const exclusiveKeys = requiredOnlyKeys(branches);
  if (exclusiveKeys) {
    const got = Array.isArray(passing) ? "both" : "neither";
    return {
      issue: issue(
        `Invalid ${quoted(at)}: expected exactly one of ${joinAlternatives(exclusiveKeys.map((key) => `'${key}'`), "or")}, but got ${got}.`,
        at,
      ),
    };
  }
  if (Array.isArray(passing)) {
    return { issue: issue(`Invalid ${quoted(at)}: the value matches more than one of the allowed shapes.`, at) };
  }

  const resolved = branches.map((branch) => dereference(branch, splitRef(combinatorPointer).name));
  const actual = jsonTypeOf(data);
  let candidates = resolved.map((_, index) => index).filter((index) => acceptsJsonType(resolved[index], actual));
  if (candidates.length === 0) {
    const expected = resolved.flatMap((schema) =>
      isObject(schema) && typeof schema.type === "string" ? [schema.type] : [],
    );
    return { issue: typeMismatch(at, expected, data) };
  }

  const discriminated = candidates.every((index) => discriminatorValues(resolved[index]) !== undefined);
  if (candidates.length > 1 && discriminated && isObject(data)) {
    const allowed = candidates.flatMap((index) => discriminatorValues(resolved[index]) ?? []);
    const where = [...at, "type"];
    if (!("type" in data)) return { issue: issue(`Missing required parameter: ${quoted(where)}.`, where) };
    const match = candidates.find((index) => discriminatorValues(resolved[index])?.includes(data.type));
    if (match === undefined) {
      if (typeof data.type !== "string" && allowed.every((value) => typeof value === "string")) {
        return { issue: typeMismatch(where, ["string"], data.type) };
      }
      return {
        issue: issue(
          `Invalid value for ${quoted(where)}: ${show(data.type)}. Supported values are: ${joinAlternatives(allowed.map(show), "and")}.`,
          where,
        ),
      };
    }
    candidates = [match];
  }

  if (candidates.length > 1) {
    // No way to tell intent: prefer the branch whose first complaint is deepest in the data.
    let best = candidates[0] ?? 0;
    let bestDepth = -1;
    for (const index of candidates) {
      const validate = validatorAt(`${combinatorPointer}/${index}`);
      validate(data);
      const depth = depthOf(validate.errors?.[validate.errors.length - 1]);
      if (depth > bestDepth) {
        best = index;
        bestDepth = depth;
      }
    }
    candidates = [best];
  }
  return { index: candidates[0] ?? 0 };
}

/** Explains why `data` fails the schema at `pointer`; null when it does not fail. */
function explain(pointer: SchemaRef, data: unknown, base: readonly Segment[], depth = 0): ContractIssue | null {
  const validate = validatorAt(pointer);
  if (validate(data)) return null;
  const errors = validate.errors ?? [];
  // With allErrors off, Ajv stops at the first failing keyword, so the last error is the one
  // that decided the outcome; earlier ones are the losing branches of a combinator.
  const decisive = errors[errors.length - 1];
  if (!decisive) return issue(`Invalid ${quoted(base)}: does not match the contract.`, base);
  const at = [...base, ...segmentsOf(data, decisive.instancePath)];

  if ((decisive.keyword === "oneOf" || decisive.keyword === "anyOf") && depth < 32) {
    const owner = decisive.parentSchema;
    const ownerPointer = owner ? loadContracts().pointers.get(owner) : undefined;
    const branches = decisive.schema;
    if (ownerPointer !== undefined && Array.isArray(branches)) {
      const combinatorPointer: SchemaRef = `${ownerPointer}/${decisive.keyword}`;
      const choice = chooseBranch(decisive, combinatorPointer, branches, at);
      if ("issue" in choice) return choice.issue;
      const nested = explain(`${combinatorPointer}/${choice.index}`, decisive.data, at, depth + 1);
      if (nested) return nested;
    }
    // Untraceable combinator: fall back to the deepest reported error.
    const deepest = errors.reduce((a, b) => (depthOf(b) > depthOf(a) ? b : a));
    return describe(deepest, [...base, ...segmentsOf(data, deepest.instancePath)]);
  }
  return describe(decisive, at);
}

// ---------------------------------------------------------------------------------------------
// Prose-only rules

function codePointLength(text: string): number {
  // JSON Schema (and OpenAI) count characters, not UTF-16 code units.
  return [...text].length;
}

function checkMetadata(metadata: Metadata | null | undefined, at: readonly Segment[]): ContractIssue | null {
  if (!metadata) return null;
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_MAX_PAIRS) {
    return issue(
      `Invalid ${quoted(at)}: too many properties. Expected an object with at most ${METADATA_MAX_PAIRS} properties, but got an object with ${entries.length} properties instead.`,
      at,
    );
  }
  for (const [key, value] of entries) {
    const keyLength = codePointLength(key);
    if (keyLength > METADATA_MAX_KEY_LENGTH) {
      return issue(
        `Invalid ${quoted(at)}: key too long. Expected keys with maximum length ${METADATA_MAX_KEY_LENGTH}, but got a key with length ${keyLength} instead.`,
        at,
      );
    }
    const valueLength = codePointLength(value);
    if (valueLength > METADATA_MAX_VALUE_LENGTH) {
      const where = [...at, key];
      return issue(
        `Invalid ${quoted(where)}: string too long. Expected a string with maximum length ${METADATA_MAX_VALUE_LENGTH}, but got a string with length ${valueLength} instead.`,
        where,
      );
    }
  }
  return null;
}

function checkChunking(strategy: ChunkingStrategy | undefined, at: readonly Segment[]): ContractIssue | null {
  if (strategy?.type !== "static") return null;
  const { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } = strategy.static;
  if (overlap * 2 <= max) return null;
  const where = [...at, "static", "chunk_overlap_tokens"];
  return issue(
    `Invalid ${quoted(where)}: chunk_overlap_tokens must not exceed half of max_chunk_size_tokens. Expected a value <= ${Math.floor(max / 2)}, but got ${overlap} instead.`,
    where,
  );
}

// Checked in the schema's property order (messages, tool_resources, metadata) so "first error"
// means the same thing for both layers.
function proseRulesForCreate(request: CreateThreadRequest): ContractIssue | null {
  for (const [index, message] of (request.messages ?? []).entries()) {
    const found = checkMetadata(message.metadata, ["messages", index, "metadata"]);
    if (found) return found;
  }
  for (const [index, store] of (request.tool_resources?.file_search?.vector_stores ?? []).entries()) {
    const at: Segment[] = ["tool_resources", "file_search", "vector_stores", index];
    const found = checkChunking(store.chunking_strategy, [...at, "chunking_strategy"]) ?? checkMetadata(store.metadata, [...at, "metadata"]);
    if (found) return found;
  }
  return checkMetadata(request.metadata, ["metadata"]);
}

function proseRulesForModify(request: ModifyThreadRequest): ContractIssue | null {
  return checkMetadata(request.metadata, ["metadata"]);
}

// ---------------------------------------------------------------------------------------------
// Public API

export function validateCreateThreadRequest(body: unknown): ContractCheck<CreateThreadRequest> {
  const schemaIssue = explain("threads#/components/schemas/CreateThreadRequest", body, []);
  if (schemaIssue) return { ok: false, error: schemaIssue };
  const request = body as CreateThreadRequest;
  const proseIssue = proseRulesForCreate(request);
  return proseIssue ? { ok: false, error: proseIssue } : { ok: true, value: request };
}

export function validateModifyThreadRequest(body: unknown): ContractCheck<ModifyThreadRequest> {
  const schemaIssue = explain("threads#/components/schemas/ModifyThreadRequest", body, []);
  if (schemaIssue) return { ok: false, error: schemaIssue };
  const request = body as ModifyThreadRequest;
  const proseIssue = proseRulesForModify(request);
  return proseIssue ? { ok: false, error: proseIssue } : { ok: true, value: request };
}

/** Whether a response body conforms to one of the contract's response schemas. */
/** `POST /threads/{id}/messages`: the same message shape as inside a create-thread request. */
export function validateCreateMessageRequest(body: unknown): ContractCheck<CreateMessageRequest> {
  const schemaIssue = explain("messages#/components/schemas/CreateMessageRequest", body, []);
  if (schemaIssue) return { ok: false, error: schemaIssue };
  const request = body as CreateMessageRequest;
  const proseIssue = checkMetadata(request.metadata, ["metadata"]);
  return proseIssue ? { ok: false, error: proseIssue } : { ok: true, value: request };
}

export function validateModifyMessageRequest(body: unknown): ContractCheck<ModifyMessageRequest> {
  const schemaIssue = explain("messages#/components/schemas/ModifyMessageRequest", body, []);
  if (schemaIssue) return { ok: false, error: schemaIssue };
  const request = body as ModifyMessageRequest;
  const proseIssue = checkMetadata(request.metadata, ["metadata"]);
  return proseIssue ? { ok: false, error: proseIssue } : { ok: true, value: request };
}

export function conformsToContract(schema: ResponseSchemaName, value: unknown): ContractCheck<unknown> {
  const found = explain(`${RESPONSE_SCHEMAS[schema]}#/components/schemas/${schema}`, value, []);
  return found ? { ok: false, error: found } : { ok: true, value };
}
