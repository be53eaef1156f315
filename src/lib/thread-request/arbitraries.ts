/**
 * fast-check arbitraries for Create-thread request bodies, reusable by unit, integration
 * and e2e tests (test-only: imports fast-check).
 *
 * - `validThreadCreateRequest`: contract-valid bodies covering every part of the contract
 *   (string and array content, all three part kinds, attachments, metadata at its limits
 *   including astral characters and a `__proto__` key, both file_search forms, auto and
 *   static chunking at their bounds, unknown keys where the contract is silent, and `null`
 *   where it allows null). Values are JSON-clean: `JSON.parse(JSON.stringify(x))` deep-equals x.
 *   Some are contract-valid but refused by Spool (NUL characters, `__proto__` / `constructor`
 *   keys); `unstorablePaths` says where, independently of the schema.
 * - `invalidThreadCreateRequest`: a valid body with exactly ONE contract limit broken, plus the
 *   formatted path (`formatIssuePath` style) at which the schema must report it.
 */
import fc from "fast-check";
import { formatIssuePath } from "./issue-path";
import {
  CHUNK_SIZE_MAX,
  CHUNK_SIZE_MIN,
  CODE_INTERPRETER_MAX_FILES,
  IMAGE_DETAILS,
  maxChunkOverlapFor,
  METADATA_KEY_MAX,
  METADATA_MAX_PAIRS,
  METADATA_VALUE_MAX,
  MESSAGE_ROLES,
  type ThreadCreateRequest,
} from "./schema";

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/** Any string, including empty, astral and control characters (JSON-safe: no lone surrogates). */
export const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme", maxLength: 8 })
);

/** File / vector-store IDs: realistic most of the time, but the contract allows any string. */
export const fileIdArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^file-[A-Za-z0-9]{1,24}$/) },
  { weight: 1, arbitrary: anyString }
);
export const vectorStoreIdArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^vs_[A-Za-z0-9]{1,24}$/) },
  { weight: 1, arbitrary: anyString }
);

/** A JSON value for unknown keys in loose objects (no -0, no undefined). */
const extraValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2, noNullPrototype: true })
);

/**
 * A key that is not one of `known`. `__proto__` is excluded: zod (deliberately, against
 * prototype pollution) drops an own `__proto__` key from the objects it rebuilds, so a loose
 * object's unknown `__proto__` key would not round-trip. Metadata is not rebuilt and keeps it.
 */
export const unknownKeyArb = (known: readonly string[]) =>
  fc
    .oneof(fc.stringMatching(/^[a-z][a-z_]{0,11}$/), fc.string({ minLength: 1, maxLength: 8 }))
    .filter((key) => key !== "__proto__" && !known.includes(key));

/** Adds 0–2 unknown keys to a loose object (where the contract has no `additionalProperties`). */
function withUnknownKeys<T extends object>(arb: fc.Arbitrary<T>, known: readonly string[]): fc.Arbitrary<T> {
  return fc
    .tuple(
      arb,
      fc.oneof(
        { weight: 3, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(unknownKeyArb(known), extraValueArb, { maxKeys: 2, noNullPrototype: true }) }
      )
    )
    .map(([value, extra]) => ({ ...extra, ...value }));
}

const optionalKeys = { requiredKeys: [] as never[], noNullPrototype: true };

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

/** Keys of at most 64 characters (code points), with the exact-limit cases forced in. */
export const metadataKeyArb = fc.oneof(
  fc.string({ unit: "binary", maxLength: METADATA_KEY_MAX }),
  fc.string({ unit: "grapheme-ascii", maxLength: METADATA_KEY_MAX }),
  fc.constantFrom(
    "k".repeat(METADATA_KEY_MAX),
    "😀".repeat(METADATA_KEY_MAX), // 64 characters, 128 UTF-16 units
    "__proto__",
    "constructor",
    "0",
    ""
  )
);

export const metadataValueArb = fc.oneof(
  fc.string({ unit: "binary", maxLength: METADATA_VALUE_MAX }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom("v".repeat(METADATA_VALUE_MAX), "é".repeat(METADATA_VALUE_MAX), "𝄞".repeat(METADATA_VALUE_MAX), "")
);

export const metadataMapArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.dictionary(metadataKeyArb, metadataValueArb, { maxKeys: 4, noNullPrototype: true }),
  // exactly at the pair limit
  fc.dictionary(metadataKeyArb, metadataValueArb, {
    minKeys: METADATA_MAX_PAIRS,
    maxKeys: METADATA_MAX_PAIRS,
    noNullPrototype: true,
  })
);

/** The contract's `Metadata`: the map, or null. */
export const metadataArb: fc.Arbitrary<Record<string, string> | null> = fc.option(metadataMapArb, {
  nil: null,
  freq: 4,
});

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/** Absolute URIs the contract's `format: uri` accepts. */
export const imageUriArb = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.base64String({ maxLength: 64 }).map((b64) => `data:image/png;base64,${b64}`),
  fc.constantFrom(
    "https://example.com/cat.png",
    "http://[::1]:8080/a.webp",
    "https://user:pw@example.com:443/p%20q.jpg?size=2#frag",
    "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E",
    "urn:example:image",
    "ftp://files.example.com/a.gif"
  )
);

const detailArb = fc.constantFrom(...IMAGE_DETAILS);

const textPartArb = withUnknownKeys(fc.record({ type: fc.constant("text" as const), text: anyString }, { noNullPrototype: true }), [
  "type",
  "text",
]);

const imageUrlPartArb = withUnknownKeys(
  fc.record(
    {
      type: fc.constant("image_url" as const),
      image_url: withUnknownKeys(
        fc.record({ url: imageUriArb, detail: detailArb }, { requiredKeys: ["url"], noNullPrototype: true }),
        ["url", "detail"]
      ),
    },
    { noNullPrototype: true }
  ),
  ["type", "image_url"]
);

const imageFilePartArb = withUnknownKeys(
  fc.record(
    {
      type: fc.constant("image_file" as const),
      image_file: withUnknownKeys(
        fc.record({ file_id: fileIdArb, detail: detailArb }, { requiredKeys: ["file_id"], noNullPrototype: true }),
        ["file_id", "detail"]
      ),
    },
    { noNullPrototype: true }
  ),
  ["type", "image_file"]
);

export const contentPartArb = fc.oneof(textPartArb, imageUrlPartArb, imageFilePartArb);

const attachmentToolArb = fc.oneof(
  withUnknownKeys(fc.record({ type: fc.constant("code_interpreter" as const) }, { noNullPrototype: true }), ["type"]),
  withUnknownKeys(fc.record({ type: fc.constant("file_search" as const) }, { noNullPrototype: true }), ["type"])
);

/** Both fields optional: the contract's `required` sits on the array, where it has no effect. */
const attachmentArb = withUnknownKeys(
  fc.record({ file_id: fileIdArb, tools: fc.array(attachmentToolArb, { maxLength: 2 }) }, optionalKeys),
  ["file_id", "tools"]
);

export const createMessageArb = fc.record(
  {
    role: fc.constantFrom(...MESSAGE_ROLES),
    content: fc.oneof(anyString, fc.array(contentPartArb, { minLength: 1, maxLength: 4 })),
    attachments: fc.option(fc.array(attachmentArb, { maxLength: 3 }), { nil: null, freq: 4 }),
    metadata: metadataArb,
  },
  { requiredKeys: ["role", "content"], noNullPrototype: true }
);

// ---------------------------------------------------------------------------
// Tool resources
// ---------------------------------------------------------------------------

export const staticChunkingArb = fc
  .integer({ min: CHUNK_SIZE_MIN, max: CHUNK_SIZE_MAX })
  .chain((max) =>
    fc
      .oneof(fc.integer({ min: 0, max: maxChunkOverlapFor(max) }), fc.constantFrom(0, maxChunkOverlapFor(max)))
      .map((overlap) => ({
        type: "static" as const,
        static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap },
      }))
  );

export const chunkingStrategyArb = fc.oneof(fc.constant({ type: "auto" as const }), staticChunkingArb);

export const vectorStoreArb = withUnknownKeys(
  fc.record(
    {
      file_ids: fc.array(fileIdArb, { maxLength: 5 }),
      chunking_strategy: chunkingStrategyArb,
      metadata: metadataArb,
    },
    optionalKeys
  ),
  ["file_ids", "chunking_strategy", "metadata"]
);

/** Exactly one of `vector_store_ids` / `vector_stores`. */
export const fileSearchArb = withUnknownKeys(
  fc.oneof(
    fc.record({ vector_store_ids: fc.array(vectorStoreIdArb, { maxLength: 1 }) }, { noNullPrototype: true }),
    fc.record(
      {
        vector_stores: fc.oneof(
          { weight: 1, arbitrary: fc.array(vectorStoreArb, { maxLength: 0 }) },
          { weight: 4, arbitrary: fc.array(vectorStoreArb, { minLength: 1, maxLength: 1 }) }
        ),
      },
      { noNullPrototype: true }
    )
  ),
  ["vector_store_ids", "vector_stores"]
);

export const toolResourcesArb = withUnknownKeys(
  fc.record(
    {
      code_interpreter: withUnknownKeys(
        fc.record(
          {
            file_ids: fc.oneof(
              fc.array(fileIdArb, { maxLength: 3 }),
              fc.array(fileIdArb, { minLength: CODE_INTERPRETER_MAX_FILES, maxLength: CODE_INTERPRETER_MAX_FILES })
            ),
          },
          optionalKeys
        ),
        ["file_ids"]
      ),
      file_search: fileSearchArb,
    },
    optionalKeys
  ),
  ["code_interpreter", "file_search"]
);

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/** A contract-valid Create-thread request body. */
export const validThreadCreateRequest: fc.Arbitrary<ThreadCreateRequest> = fc.record(
  {
    messages: fc.array(createMessageArb, { maxLength: 4 }),
    metadata: metadataArb,
    tool_resources: fc.option(toolResourcesArb, { nil: null, freq: 4 }),
  },
  optionalKeys
);

// ---------------------------------------------------------------------------
// Breaking exactly one limit
// ---------------------------------------------------------------------------

/**
 * Which part of the contract a broken limit comes from:
 * - "schema": a keyword of the contract's JSON Schema (a JSON Schema validator rejects it too);
 * - "prose":  a limit stated only in the contract's descriptions (metadata limits, overlap ≤ half);
 * - "spool":  stricter than the contract on purpose (negative chunk overlap).
 */
export type LimitSource = "schema" | "prose" | "spool";

export type BrokenRequest = {
  /** Which mutator broke the request, for failure messages. */
  name: string;
  source: LimitSource;
  /** The request with exactly one limit broken. */
  request: unknown;
  /** Where the schema must report it, formatted like `formatIssuePath`. */
  path: string;
};

type Draft = Record<string, unknown> & {
  messages?: Record<string, unknown>[];
  tool_resources?: Record<string, unknown> | null;
};
type Mutator = {
  name: string;
  source: LimitSource;
  /** Mutates `draft` in place; returns the raw path of the expected issue. */
  apply: (draft: Draft, pick: number) => PropertyKey[];
};

const clone = <T>(value: T): T => structuredClone(value);

/** Ensures a message exists; returns its index. */
function aMessage(draft: Draft, pick: number): number {
  if (!draft.messages || draft.messages.length === 0) draft.messages = [{ role: "user", content: "Hello" }];
  return pick % draft.messages.length;
}

/** Ensures message `i` has array content; returns [message index, part index]. */
function aContentPart(draft: Draft, pick: number): [number, number] {
  const i = aMessage(draft, pick);
  const message = draft.messages![i]!;
  if (!Array.isArray(message.content)) message.content = [{ type: "text", text: String(message.content) }];
  return [i, pick % (message.content as unknown[]).length];
}

function toolResources(draft: Draft): Record<string, unknown> {
  if (!draft.tool_resources) draft.tool_resources = {};
  return draft.tool_resources;
}

/** Replaces file_search with exactly one vector store (keeping a generated one if any); returns it. */
function aVectorStore(draft: Draft): Record<string, unknown> {
  const resources = toolResources(draft);
  const previous = resources.file_search as { vector_stores?: Record<string, unknown>[] } | undefined;
  const store = previous?.vector_stores?.[0] ?? {};
  resources.file_search = { vector_stores: [store] };
  return store;
}

const STORE_PATH = ["tool_resources", "file_search", "vector_stores", 0] as const;
const STATIC_PATH = [...STORE_PATH, "chunking_strategy", "static"] as const;

function setStatic(draft: Draft, max: number, overlap: number) {
  aVectorStore(draft).chunking_strategy = {
    type: "static",
    static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap },
  };
}

const seventeenPairs = () =>
  Object.fromEntries(Array.from({ length: METADATA_MAX_PAIRS + 1 }, (_, i) => [`key_${i}`, `value ${i}`]));

/** Where a Metadata object can live: top level, on a message, on a vector store. */
const metadataHomes: { label: string; at: (draft: Draft, pick: number) => [Record<string, unknown>, PropertyKey[]] }[] =
  [
    { label: "request", at: (draft) => [draft, ["metadata"]] },
    {
      label: "message",
      at: (draft, pick) => {
        const i = aMessage(draft, pick);
        return [draft.messages![i]!, ["messages", i, "metadata"]];
      },
    },
    { label: "vector store", at: (draft) => [aVectorStore(draft), [...STORE_PATH, "metadata"]] },
  ];

function mutators(params: {
  longKey: string;
  okKey: string;
  unknownKey: string;
  badUrl: string;
  badDetail: string;
  tooSmall: number;
  tooBig: number;
  fraction: number;
  maxChunk: number;
  negative: number;
}): Mutator[] {
  const { longKey, okKey, unknownKey, badUrl, badDetail, tooSmall, tooBig, fraction, maxChunk, negative } = params;
  const list: Mutator[] = [];
  for (const home of metadataHomes) {
    list.push(
      {
        name: `${home.label} metadata with ${METADATA_MAX_PAIRS + 1} pairs`,
        source: "prose",
        apply: (d, p) => {
          const [owner, path] = home.at(d, p);
          owner.metadata = seventeenPairs();
          return path;
        },
      },
      {
        name: `${home.label} metadata key of ${METADATA_KEY_MAX + 1} characters`,
        source: "prose",
        apply: (d, p) => {
          const [owner, path] = home.at(d, p);
          owner.metadata = { [longKey]: "v" };
          return [...path, longKey];
        },
      },
      {
        name: `${home.label} metadata value of ${METADATA_VALUE_MAX + 1} characters`,
        source: "prose",
        apply: (d, p) => {
          const [owner, path] = home.at(d, p);
          owner.metadata = { [okKey]: "😀".repeat(METADATA_VALUE_MAX + 1) };
          return [...path, okKey];
        },
      },
      {
        name: `${home.label} metadata value that is not a string`,
        source: "schema",
        apply: (d, p) => {
          const [owner, path] = home.at(d, p);
          owner.metadata = { [okKey]: 42 };
          return [...path, okKey];
        },
      }
    );
  }
  list.push(
    {
      name: "unknown top-level key",
      source: "schema",
      apply: (d) => {
        d[unknownKey] = true;
        return [unknownKey];
      },
    },
    {
      name: "unknown key in a message",
      source: "schema",
      apply: (d, p) => {
        const i = aMessage(d, p);
        d.messages![i]![unknownKey] = "x";
        return ["messages", i, unknownKey];
      },
    },
    {
      name: "role system",
      source: "schema",
      apply: (d, p) => {
        const i = aMessage(d, p);
        d.messages![i]!.role = "system";
        return ["messages", i, "role"];
      },
    },
    {
      name: "missing role",
      source: "schema",
      apply: (d, p) => {
        const i = aMessage(d, p);
        delete d.messages![i]!.role;
        return ["messages", i, "role"];
      },
    },
    {
      name: "empty content array",
      source: "schema",
      apply: (d, p) => {
        const i = aMessage(d, p);
        d.messages![i]!.content = [];
        return ["messages", i, "content"];
      },
    },
    {
      name: "non-URI image url",
      source: "schema",
      apply: (d, p) => {
        const [i, j] = aContentPart(d, p);
        (d.messages![i]!.content as unknown[])[j] = { type: "image_url", image_url: { url: badUrl } };
        return ["messages", i, "content", j, "image_url", "url"];
      },
    },
    {
      name: "bad image_url detail",
      source: "schema",
      apply: (d, p) => {
        const [i, j] = aContentPart(d, p);
        (d.messages![i]!.content as unknown[])[j] = {
          type: "image_url",
          image_url: { url: "https://example.com/a.png", detail: badDetail },
        };
        return ["messages", i, "content", j, "image_url", "detail"];
      },
    },
    {
      name: "bad image_file detail",
      source: "schema",
      apply: (d, p) => {
        const [i, j] = aContentPart(d, p);
        (d.messages![i]!.content as unknown[])[j] = { type: "image_file", image_file: { file_id: "file-1", detail: badDetail } };
        return ["messages", i, "content", j, "image_file", "detail"];
      },
    },
    {
      name: "unknown content part type",
      source: "schema",
      apply: (d, p) => {
        const [i, j] = aContentPart(d, p);
        (d.messages![i]!.content as unknown[])[j] = { type: "input_audio", input_audio: {} };
        return ["messages", i, "content", j, "type"];
      },
    },
    {
      name: "unknown attachment tool type",
      source: "schema",
      apply: (d, p) => {
        const i = aMessage(d, p);
        d.messages![i]!.attachments = [{ file_id: "file-1", tools: [{ type: "code_interpreter" }, { type: "retrieval" }] }];
        return ["messages", i, "attachments", 0, "tools", 1, "type"];
      },
    },
    {
      name: `${CODE_INTERPRETER_MAX_FILES + 1} code_interpreter file_ids`,
      source: "schema",
      apply: (d) => {
        toolResources(d).code_interpreter = {
          file_ids: Array.from({ length: CODE_INTERPRETER_MAX_FILES + 1 }, (_, k) => `file-${k}`),
        };
        return ["tool_resources", "code_interpreter", "file_ids"];
      },
    },
    {
      name: "2 vector_store_ids",
      source: "schema",
      apply: (d) => {
        toolResources(d).file_search = { vector_store_ids: ["vs_1", "vs_2"] };
        return ["tool_resources", "file_search", "vector_store_ids"];
      },
    },
    {
      name: "2 vector_stores",
      source: "schema",
      apply: (d) => {
        toolResources(d).file_search = { vector_stores: [{}, {}] };
        return ["tool_resources", "file_search", "vector_stores"];
      },
    },
    {
      name: "both vector_store_ids and vector_stores",
      source: "schema",
      apply: (d) => {
        toolResources(d).file_search = { vector_store_ids: ["vs_1"], vector_stores: [{}] };
        return ["tool_resources", "file_search"];
      },
    },
    {
      name: "neither vector_store_ids nor vector_stores",
      source: "schema",
      apply: (d) => {
        toolResources(d).file_search = {};
        return ["tool_resources", "file_search"];
      },
    },
    {
      name: `max_chunk_size_tokens below ${CHUNK_SIZE_MIN}`,
      source: "schema",
      apply: (d) => {
        setStatic(d, tooSmall, 0);
        return [...STATIC_PATH, "max_chunk_size_tokens"];
      },
    },
    {
      name: `max_chunk_size_tokens above ${CHUNK_SIZE_MAX}`,
      source: "schema",
      apply: (d) => {
        setStatic(d, tooBig, 0);
        return [...STATIC_PATH, "max_chunk_size_tokens"];
      },
    },
    {
      name: "non-integer max_chunk_size_tokens",
      source: "schema",
      apply: (d) => {
        setStatic(d, fraction, 0);
        return [...STATIC_PATH, "max_chunk_size_tokens"];
      },
    },
    {
      name: "chunk_overlap_tokens above half of max_chunk_size_tokens",
      source: "prose",
      apply: (d) => {
        setStatic(d, maxChunk, maxChunkOverlapFor(maxChunk) + 1);
        return [...STATIC_PATH, "chunk_overlap_tokens"];
      },
    },
    {
      name: "negative chunk_overlap_tokens",
      source: "spool",
      apply: (d) => {
        setStatic(d, maxChunk, negative);
        return [...STATIC_PATH, "chunk_overlap_tokens"];
      },
    },
    {
      name: "unknown key in static chunking",
      source: "schema",
      apply: (d) => {
        setStatic(d, maxChunk, 0);
        const strategy = aVectorStore(d).chunking_strategy as { static: Record<string, unknown> };
        strategy.static[unknownKey] = 1;
        return [...STATIC_PATH, unknownKey];
      },
    },
    {
      name: "unknown key in auto chunking",
      source: "schema",
      apply: (d) => {
        aVectorStore(d).chunking_strategy = { type: "auto", [unknownKey]: 1 };
        return [...STORE_PATH, "chunking_strategy", unknownKey];
      },
    },
    {
      name: "unknown chunking strategy type",
      source: "schema",
      apply: (d) => {
        aVectorStore(d).chunking_strategy = { type: "semantic" };
        return [...STORE_PATH, "chunking_strategy", "type"];
      },
    }
  );
  return list;
}

/** Names of all mutators, so tests can check each one gets exercised. */
export const MUTATOR_NAMES: readonly string[] = mutators({
  longKey: "",
  okKey: "",
  unknownKey: "",
  badUrl: "",
  badDetail: "",
  tooSmall: 0,
  tooBig: 0,
  fraction: 0,
  maxChunk: 0,
  negative: 0,
}).map((m) => m.name);

const STRICT_KEYS = ["messages", "metadata", "tool_resources", "role", "content", "attachments", "type", "static"];
const STATIC_KEYS = ["max_chunk_size_tokens", "chunk_overlap_tokens"];

const mutationParamsArb = fc.record({
  longKey: fc.oneof(
    fc.string({ unit: "binary", minLength: METADATA_KEY_MAX + 1, maxLength: METADATA_KEY_MAX + 20 }),
    fc.constantFrom("k".repeat(METADATA_KEY_MAX + 1), "😀".repeat(METADATA_KEY_MAX + 1))
  ),
  okKey: metadataKeyArb,
  unknownKey: unknownKeyArb([...STRICT_KEYS, ...STATIC_KEYS]),
  badUrl: fc.constantFrom(
    "",
    "not a url",
    "example.com/cat.png",
    "/images/cat.png",
    "//example.com/cat.png",
    "https://exa mple.com/cat.png",
    "https://例え.jp/cat.png",
    "https://example.com/%zz.png",
    "1http://example.com"
  ),
  badDetail: fc.oneof(fc.constantFrom("ultra", "AUTO", "", "medium"), fc.string({ maxLength: 6 })).filter(
    (detail) => !(IMAGE_DETAILS as readonly string[]).includes(detail)
  ),
  tooSmall: fc.oneof(fc.constant(CHUNK_SIZE_MIN - 1), fc.integer({ min: -10_000, max: CHUNK_SIZE_MIN - 1 })),
  tooBig: fc.oneof(fc.constant(CHUNK_SIZE_MAX + 1), fc.integer({ min: CHUNK_SIZE_MAX + 1, max: 1_000_000 })),
  fraction: fc
    .double({ min: CHUNK_SIZE_MIN, max: CHUNK_SIZE_MAX, noNaN: true })
    .filter((n) => !Number.isInteger(n)),
  maxChunk: fc.integer({ min: CHUNK_SIZE_MIN, max: CHUNK_SIZE_MAX }),
  negative: fc.integer({ min: -4096, max: -1 }),
});

function broken(mutatorIndex: fc.Arbitrary<number>): fc.Arbitrary<BrokenRequest> {
  return fc
    .tuple(validThreadCreateRequest, mutationParamsArb, mutatorIndex, fc.nat())
    .map(([valid, params, which, pick]) => {
      const mutator = mutators(params)[which]!;
      const draft = clone(valid) as Draft;
      const path = mutator.apply(draft, pick);
      return { name: mutator.name, source: mutator.source, request: draft, path: formatIssuePath(path) };
    });
}

/** A valid request with exactly one limit broken (any of `MUTATOR_NAMES`), and where the schema must say so. */
export const invalidThreadCreateRequest: fc.Arbitrary<BrokenRequest> = broken(
  fc.nat({ max: MUTATOR_NAMES.length - 1 })
);

/** Like `invalidThreadCreateRequest`, always breaking the limit named `name` (one of `MUTATOR_NAMES`). */
export function invalidThreadCreateRequestBreaking(name: string): fc.Arbitrary<BrokenRequest> {
  const index = MUTATOR_NAMES.indexOf(name);
  if (index < 0) throw new Error(`Unknown mutator "${name}"`);
  return broken(fc.constant(index));
}

// ---------------------------------------------------------------------------
// What Spool refuses beyond the contract
// ---------------------------------------------------------------------------

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The formatted paths at which Spool must refuse `value` although the contract allows it:
 * each string holding NUL or a lone surrogate, and each key that is reserved or holds one.
 * A plain recursive oracle, written apart from `storable-input.ts` on purpose.
 */
export function unstorablePaths(value: unknown, path: PropertyKey[] = []): string[] {
  if (typeof value === "string") return UNSTORABLE_TEXT.test(value) ? [formatIssuePath(path)] : [];
  if (typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorablePaths(item, [...path, index]));
  return Object.keys(value).flatMap((key) =>
    RESERVED.has(key) || UNSTORABLE_TEXT.test(key)
      ? [formatIssuePath([...path, key])]
      : unstorablePaths((value as Record<string, unknown>)[key], [...path, key]),
  );
}
