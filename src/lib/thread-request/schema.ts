/**
 * The ONE description of an Assistants v2 "Create thread" request body (and the
 * "Modify thread" body), shared by the React form (live validation) and the tRPC
 * router (the gate).
 *
 * Source of truth: `contract/openai-threads.openapi.yaml` — `CreateThreadRequest`,
 * `CreateMessageRequest`, the `MessageContent*` part objects, `ModifyThreadRequest`
 * and `Metadata` — plus the limits that live only in the contract's prose
 * (metadata: ≤16 pairs, key ≤64 characters, value ≤512 characters; static chunking:
 * overlap ≤ half of the max chunk size).
 *
 * Rules this module follows:
 * - It is pure: only `zod` and its sibling modules are imported, so it is safe in client bundles
 *   (limits and the URI check live in `./limits` and `./absolute-uri`, for pages without zod).
 * - It never transforms or strips: for valid input the request schemas return the
 *   caller's own object (no defaults, no coercion, no trimming, no key reordering), so the
 *   body sent upstream is byte for byte the one built. `additionalProperties: false` in the
 *   contract → `z.strictObject`; silent → `z.looseObject` (unknown keys pass through).
 * - "Characters" are Unicode code points (what JSON Schema `maxLength` and the API
 *   count), not UTF-16 code units; use {@link countChars} for UI counters.
 * - Beyond the contract, it refuses what Spool cannot store: NUL characters, unpaired
 *   surrogates and the keys `__proto__`, `constructor`, `prototype` (see `./storable-input`).
 * - Every issue carries a sentence a user can act on, and its `path` points at the
 *   failing field. The one exception is zod's own `unrecognized_keys` issue (raised by
 *   `z.strictObject`), whose path is the object; `issuesToFieldErrors` in
 *   `./issue-path` expands it into one entry per unknown key.
 */
// First: zod must be configured before any schema here parses (see zod-config).
import "~/lib/zod-config";
import { z } from "zod";
import { isAbsoluteUri } from "./absolute-uri";
import {
  ATTACHMENT_TOOL_TYPES,
  CHUNK_OVERLAP_MIN,
  CHUNK_SIZE_MAX,
  CHUNK_SIZE_MIN,
  CHUNKING_STRATEGY_TYPES,
  CODE_INTERPRETER_MAX_FILES,
  CONTENT_PART_TYPES,
  countChars,
  FILE_SEARCH_MAX_VECTOR_STORE_IDS,
  FILE_SEARCH_MAX_VECTOR_STORES,
  IMAGE_DETAILS,
  maxChunkOverlapFor,
  MESSAGE_CONTENT_MIN_PARTS,
  MESSAGE_ROLES,
  METADATA_KEY_MAX,
  METADATA_MAX_PAIRS,
  METADATA_VALUE_MAX,
  VECTOR_STORE_MAX_FILES,
} from "./limits";
import { unstorableInputIssues } from "./storable-input";

export * from "./limits";
export { isAbsoluteUri } from "./absolute-uri";

/** `countChars(s) > max`, without scanning long strings that cannot fit. */
function exceeds(s: string, max: number): boolean {
  if (s.length <= max) return false; // code points ≤ UTF-16 units
  if (s.length > 2 * max) return true; // code points ≥ UTF-16 units / 2
  return countChars(s) > max;
}

/** A string of at most `max` characters counted as the contract counts them (code points), for every schema that limits metadata. */
export function textOfAtMost(max: number, message: string) {
  return z.string().refine((text) => !exceeds(text, max), { message });
}

// ---------------------------------------------------------------------------
// Error messages
// ---------------------------------------------------------------------------

type RawIssue = z.core.$ZodRawIssue;
type ErrorMap = (issue: RawIssue) => string | undefined;

/** Marker that starts the "which fields are allowed" sentence of an unknown-key message. */
export const ALLOWED_FIELDS_MARKER = "Allowed fields here:";

/** A short, quoted rendering of a user value for messages. */
function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") {
    const chars = Array.from(value); // never cut an emoji in half
    return JSON.stringify(chars.length > 38 ? `${chars.slice(0, 37).join("")}…` : value);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function quoteList(values: readonly string[], conjunction = "or"): string {
  const quoted = values.map((v) => `"${v}"`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} ${conjunction} ${quoted[quoted.length - 1]}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function unknownKeysMessage(keys: readonly string[], where: string, allowed: readonly string[]): string {
  const list = keys.map((k) => show(k)).join(", ");
  const head =
    keys.length === 1
      ? `Unknown field ${list} in ${where}; remove it.`
      : `Unknown fields ${list} in ${where}; remove them.`;
  const tail = allowed.length
    ? `${ALLOWED_FIELDS_MARKER} ${allowed.join(", ")}.`
    : `${ALLOWED_FIELDS_MARKER} none.`;
  return `${head} ${tail}`;
}

/** Error map for an object schema: wrong type / missing, and unknown keys for strict objects. */
function objectErrors(opts: {
  /** e.g. "a message" (used in "Unknown field … in a message") */
  where: string;
  /** Sentence for a value of the wrong type. */
  wrongType: string;
  /** Sentence for a missing value (defaults to `wrongType`). */
  missing?: string;
  allowed: readonly string[];
}): ErrorMap {
  return (issue) => {
    if (issue.code === "unrecognized_keys") return unknownKeysMessage(issue.keys, opts.where, opts.allowed);
    if (issue.code === "invalid_type") return issue.input === undefined ? (opts.missing ?? opts.wrongType) : opts.wrongType;
    return undefined;
  };
}

function strictObject<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  opts: { where: string; wrongType: string; missing?: string }
) {
  return z.strictObject(shape, { error: objectErrors({ ...opts, allowed: Object.keys(shape) }) });
}

function looseObject<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  opts: { where: string; wrongType: string; missing?: string }
) {
  return z.looseObject(shape, { error: objectErrors({ ...opts, allowed: Object.keys(shape) }) });
}

function stringField(wrongType: string, missing?: string) {
  return z.string({
    error: (issue) =>
      issue.code === "invalid_type" ? (issue.input === undefined ? (missing ?? wrongType) : wrongType) : undefined,
  });
}

/**
 * `maxItems` / `minItems` as checks that run only on arrays. (zod's own `.max()`/`.min()` run
 * on ANY value with a `.length`, even after the array type check failed, so `"vs_1"` would
 * also get a bogus "too many items" issue.) They still run when an item is invalid, so a
 * list that is both too long and has a bad item reports both.
 */
const ON_ARRAYS = { when: (payload: z.core.ParsePayload) => Array.isArray(payload.value) };

function maxItems<T>(max: number, message: (count: number) => string) {
  return z.superRefine<T[]>((items, ctx) => {
    if (items.length > max) {
      ctx.addIssue({ code: "too_big", origin: "array", maximum: max, inclusive: true, input: items, message: message(items.length) });
    }
  }, ON_ARRAYS);
}

function minItems<T>(min: number, message: string) {
  return z.superRefine<T[]>((items, ctx) => {
    if (items.length < min) {
      ctx.addIssue({ code: "too_small", origin: "array", minimum: min, inclusive: true, input: items, message });
    }
  }, ON_ARRAYS);
}

/** An array of strings (IDs) with a `maxItems` limit. */
function idListField(opts: { label: string; what: string; max: number; tooMany: (count: number) => string }) {
  return z
    .array(stringField(`Each ${opts.what} in ${opts.label} must be a string.`), {
      error: (issue) => (issue.code === "invalid_type" ? `${opts.label} must be a list of ${opts.what} strings.` : undefined),
    })
    .check(maxItems(opts.max, opts.tooMany));
}

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The object variant of `Metadata`: string keys → string values, ≤16 pairs, key ≤64
 * characters, value ≤512 characters.
 *
 * Built as a validating `z.custom` rather than `z.record` on purpose: `z.record` rebuilds
 * the object (and silently drops an own `__proto__` key, which the request schemas refuse
 * with a sentence instead). This schema returns the caller's object untouched.
 *
 * Issue paths: too many pairs → `[]` (the metadata object); too-long key, too-long value
 * or non-string value → `[key]`.
 */
export const metadataMapSchema = z
  .custom<Record<string, string>>(isPlainObject, {
    error: (issue) =>
      issue.input === undefined
        ? "Metadata is required here."
        : "Metadata must be an object whose keys and values are strings, or null.",
  })
  .superRefine((metadata, ctx) => {
    const keys = Object.keys(metadata);
    if (keys.length > METADATA_MAX_PAIRS) {
      ctx.addIssue({
        code: "too_big",
        origin: "object",
        maximum: METADATA_MAX_PAIRS,
        inclusive: true,
        input: metadata,
        path: [],
        message: `Metadata can have at most ${METADATA_MAX_PAIRS} key-value pairs, but has ${keys.length}; remove ${plural(keys.length - METADATA_MAX_PAIRS, "pair")}.`,
      });
    }
    for (const key of keys) {
      if (exceeds(key, METADATA_KEY_MAX)) {
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: METADATA_KEY_MAX,
          inclusive: true,
          input: key,
          path: [key],
          message: `Metadata key ${show(key)} is too long (${countChars(key)} characters); keys can be at most ${METADATA_KEY_MAX} characters.`,
        });
      }
      const value: unknown = metadata[key];
      if (typeof value !== "string") {
        ctx.addIssue({
          code: "invalid_type",
          expected: "string",
          input: value,
          path: [key],
          message: `The value of metadata key ${show(key)} must be a string, not ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}.`,
        });
      } else if (exceeds(value, METADATA_VALUE_MAX)) {
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: METADATA_VALUE_MAX,
          inclusive: true,
          input: value,
          path: [key],
          message: `The value of metadata key ${show(key)} is too long (${countChars(value)} characters); values can be at most ${METADATA_VALUE_MAX} characters.`,
        });
      }
    }
  });

/** The contract's `Metadata` component: the object above, or `null` (`anyOf [object, null]`). */
export const metadataSchema = metadataMapSchema.nullable();

// ---------------------------------------------------------------------------
// Message content parts
// ---------------------------------------------------------------------------

const imageDetailSchema = z.enum(IMAGE_DETAILS, {
  error: (issue) => `Image detail must be ${quoteList(IMAGE_DETAILS)}, not ${show(issue.input)}.`,
});

/** `MessageRequestContentTextObject` (no `additionalProperties` → loose). */
export const textContentPartSchema = looseObject(
  {
    type: z.literal("text"),
    text: stringField("Text content must be a string.", "A text content part needs a `text` string."),
  },
  { where: "a text content part", wrongType: "Each content part must be an object." }
);

/** `MessageContentImageUrlObject` (loose, and so is its `image_url` object). */
export const imageUrlContentPartSchema = looseObject(
  {
    type: z.literal("image_url"),
    image_url: looseObject(
      {
        url: z
          .string({
            error: (issue) =>
              issue.code === "invalid_type"
                ? issue.input === undefined
                  ? "An image URL part needs a `url`."
                  : "The image URL must be a string."
                : undefined,
          })
          .superRefine((url, ctx) => {
            if (isAbsoluteUri(url)) return;
            ctx.addIssue({
              code: "invalid_format",
              format: "uri",
              input: url,
              message: `The image URL must be an absolute URI such as https://example.com/cat.png or a data: URI; ${show(url)} is not one.`,
            });
          }),
        detail: imageDetailSchema.optional(),
      },
      {
        where: "image_url",
        wrongType: "`image_url` must be an object with a `url`.",
        missing: "An image URL part needs an `image_url` object with a `url`.",
      }
    ),
  },
  { where: "an image_url content part", wrongType: "Each content part must be an object." }
);

/** `MessageContentImageFileObject` (loose, and so is its `image_file` object). */
export const imageFileContentPartSchema = looseObject(
  {
    type: z.literal("image_file"),
    image_file: looseObject(
      {
        file_id: stringField("The image file ID must be a string.", "An image file part needs a `file_id`."),
        detail: imageDetailSchema.optional(),
      },
      {
        where: "image_file",
        wrongType: "`image_file` must be an object with a `file_id`.",
        missing: "An image file part needs an `image_file` object with a `file_id`.",
      }
    ),
  },
  { where: "an image_file content part", wrongType: "Each content part must be an object." }
);

/** One item of a message's content array: text | image_url | image_file. */
export const messageContentPartSchema = z.discriminatedUnion(
  "type",
  [imageFileContentPartSchema, imageUrlContentPartSchema, textContentPartSchema],
  {
    error: (issue) => {
      // zod types this map with `invalid_union` only, but a non-object input raises `invalid_type`.
      if ((issue.code as string) === "invalid_type") return `Each content part must be an object with a \`type\` of ${quoteList(CONTENT_PART_TYPES)}.`;
      if (issue.code === "invalid_union") {
        const type = isPlainObject(issue.input) ? issue.input.type : undefined;
        return type === undefined
          ? `Each content part needs a \`type\`: ${quoteList(CONTENT_PART_TYPES)}.`
          : `Content part type must be ${quoteList(CONTENT_PART_TYPES)}, not ${show(type)}.`;
      }
      return undefined;
    },
  }
);

/** `content` in its array form: at least one part. */
export const messageContentPartsSchema = z
  .array(messageContentPartSchema, {
    error: (issue) =>
      issue.code === "invalid_type" ? "Message content must be a string or a list of content parts." : undefined,
  })
  .check(
    minItems(
      MESSAGE_CONTENT_MIN_PARTS,
      "Message content must have at least one content part; add a part or use a plain text string."
    )
  );

export type MessageContentPart = z.infer<typeof messageContentPartSchema>;
export type MessageContent = string | MessageContentPart[];

/**
 * `content`: `oneOf [string, array (minItems 1) of parts]`.
 *
 * Not a `z.union`: when every branch of a zod union fails, zod reports a single
 * `invalid_union` at `content` and hides *which* part failed. The two branches are
 * told apart by JS type alone, so this dispatches on the type and forwards the array
 * branch's issues unchanged — each keeps its own precise path
 * (e.g. `content[1].image_url.url`). The value is returned untouched.
 */
export const messageContentSchema = z
  .custom<MessageContent>((value) => typeof value === "string" || Array.isArray(value), {
    error: (issue) =>
      issue.input === undefined
        ? "Every message needs `content`: a text string or a list of content parts."
        : "Message content must be a string or a list of content parts.",
  })
  .superRefine((content, ctx) => {
    if (typeof content === "string") return;
    const result = messageContentPartsSchema.safeParse(content, { reportInput: true });
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue });
  });

// ---------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------

/** `AssistantToolsCode` (loose). */
export const codeInterpreterToolSchema = looseObject(
  { type: z.literal("code_interpreter") },
  { where: "an attachment tool", wrongType: "Each attachment tool must be an object." }
);
/** `AssistantToolsFileSearchTypeOnly` (loose). */
export const fileSearchToolSchema = looseObject(
  { type: z.literal("file_search") },
  { where: "an attachment tool", wrongType: "Each attachment tool must be an object." }
);

export const attachmentToolSchema = z.discriminatedUnion("type", [codeInterpreterToolSchema, fileSearchToolSchema], {
  error: (issue) => {
    if ((issue.code as string) === "invalid_type") return `Each attachment tool must be an object with a \`type\` of ${quoteList(ATTACHMENT_TOOL_TYPES)}.`;
    if (issue.code === "invalid_union") {
      const type = isPlainObject(issue.input) ? issue.input.type : undefined;
      return type === undefined
        ? `Each attachment tool needs a \`type\`: ${quoteList(ATTACHMENT_TOOL_TYPES)}.`
        : `Attachment tool type must be ${quoteList(ATTACHMENT_TOOL_TYPES)}, not ${show(type)}.`;
    }
    return undefined;
  },
});

/**
 * One item of `attachments`. NOTE: in the contract, `required: [file_id, tools]` sits on
 * the *array* schema (where JSON Schema ignores it), not on the item, so both fields are
 * optional — exactly as in the SDK's `Attachment` type.
 */
export const messageAttachmentSchema = looseObject(
  {
    file_id: stringField("An attachment's `file_id` must be a string.").optional(),
    tools: z
      .array(attachmentToolSchema, {
        error: (issue) =>
          issue.code === "invalid_type" ? "An attachment's `tools` must be a list of tool objects." : undefined,
      })
      .optional(),
  },
  { where: "an attachment", wrongType: "Each attachment must be an object with a `file_id` and `tools`." }
);

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/** `CreateMessageRequest` (`additionalProperties: false` → strict). */
export const createMessageSchema = strictObject(
  {
    role: z.enum(MESSAGE_ROLES, {
      error: (issue) =>
        issue.input === undefined
          ? `Every message needs a \`role\`: ${quoteList(MESSAGE_ROLES)}.`
          : `Message role must be ${quoteList(MESSAGE_ROLES)}, not ${show(issue.input)}.`,
    }),
    content: messageContentSchema,
    attachments: z
      .array(messageAttachmentSchema, {
        error: (issue) =>
          issue.code === "invalid_type" ? "Attachments must be a list of attachment objects, or null." : undefined,
      })
      .nullable()
      .optional(),
    metadata: metadataSchema.optional(),
  },
  { where: "a message", wrongType: "Each message must be an object with a `role` and `content`." }
);

export type CreateMessage = z.infer<typeof createMessageSchema>;

// ---------------------------------------------------------------------------
// Tool resources
// ---------------------------------------------------------------------------

const codeInterpreterFileIdsSchema = idListField({
  label: "code_interpreter `file_ids`",
  what: "file ID",
  max: CODE_INTERPRETER_MAX_FILES,
  tooMany: (n) =>
    `code_interpreter can use at most ${CODE_INTERPRETER_MAX_FILES} files, but ${n} are listed; remove ${plural(n - CODE_INTERPRETER_MAX_FILES, "file")}.`,
});

const vectorStoreIdsSchema = idListField({
  label: "file_search `vector_store_ids`",
  what: "vector store ID",
  max: FILE_SEARCH_MAX_VECTOR_STORE_IDS,
  tooMany: (n) =>
    `A thread can have at most ${FILE_SEARCH_MAX_VECTOR_STORE_IDS} vector store, but ${n} IDs are listed in vector_store_ids; keep only one.`,
});

/** `tool_resources.code_interpreter` (loose). `file_ids` has `default: []` in the contract, but no default is applied here. */
export const codeInterpreterResourcesSchema = looseObject(
  { file_ids: codeInterpreterFileIdsSchema.optional() },
  { where: "code_interpreter", wrongType: "`code_interpreter` must be an object." }
);

const chunkCount = (what: string, extra: (issue: RawIssue) => string | undefined): ErrorMap => (issue) => {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return `${what} is required.`;
    return typeof issue.input === "number" ? `${what} must be a whole number of tokens.` : `${what} must be a number.`;
  }
  return extra(issue);
};

/** Static chunking's inner `static` object (`additionalProperties: false` → strict). */
export const staticChunkingConfigSchema = strictObject(
  {
    max_chunk_size_tokens: z
      .int({
        error: chunkCount("Max chunk size (max_chunk_size_tokens)", (issue) => {
          if (issue.code === "too_small") return `Max chunk size must be at least ${CHUNK_SIZE_MIN} tokens, not ${show(issue.input)}.`;
          if (issue.code === "too_big") return `Max chunk size must be at most ${CHUNK_SIZE_MAX} tokens, not ${show(issue.input)}.`;
          return undefined;
        }),
      })
      .min(CHUNK_SIZE_MIN)
      .max(CHUNK_SIZE_MAX),
    chunk_overlap_tokens: z
      .int({
        error: chunkCount("Chunk overlap (chunk_overlap_tokens)", (issue) => {
          if (issue.code === "too_small") return `Chunk overlap cannot be negative; use ${CHUNK_OVERLAP_MIN} or more tokens.`;
          if (issue.code === "too_big") return "Chunk overlap must not exceed half of the max chunk size.";
          return undefined;
        }),
      })
      .min(CHUNK_OVERLAP_MIN),
  },
  {
    where: "the static chunking settings",
    wrongType: "`static` must be an object with max_chunk_size_tokens and chunk_overlap_tokens.",
    missing: "Static chunking needs a `static` object with max_chunk_size_tokens and chunk_overlap_tokens.",
  }
).superRefine((config, ctx) => {
  const { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } = config;
  if (Number.isInteger(max) && Number.isInteger(overlap) && overlap * 2 > max) {
    ctx.addIssue({
      code: "too_big",
      origin: "number",
      maximum: max / 2,
      inclusive: true,
      input: overlap,
      path: ["chunk_overlap_tokens"],
      message: `Chunk overlap (${overlap} tokens) must not exceed half of the max chunk size (${max} tokens); use ${maxChunkOverlapFor(max)} or fewer.`,
    });
  }
});

/** Auto chunking strategy (`additionalProperties: false` → strict). */
export const autoChunkingStrategySchema = strictObject(
  { type: z.literal("auto") },
  { where: "the auto chunking strategy", wrongType: "The chunking strategy must be an object." }
);

/** Static chunking strategy (`additionalProperties: false` → strict). */
export const staticChunkingStrategySchema = strictObject(
  { type: z.literal("static"), static: staticChunkingConfigSchema },
  { where: "the static chunking strategy", wrongType: "The chunking strategy must be an object." }
);

/** `chunking_strategy`: `oneOf [auto, static]`. */
export const chunkingStrategySchema = z.discriminatedUnion(
  "type",
  [autoChunkingStrategySchema, staticChunkingStrategySchema],
  {
    error: (issue) => {
      if ((issue.code as string) === "invalid_type") return `The chunking strategy must be an object with a \`type\` of ${quoteList(CHUNKING_STRATEGY_TYPES)}.`;
      if (issue.code === "invalid_union") {
        const type = isPlainObject(issue.input) ? issue.input.type : undefined;
        return type === undefined
          ? `The chunking strategy needs a \`type\`: ${quoteList(CHUNKING_STRATEGY_TYPES)}.`
          : `Chunking strategy type must be ${quoteList(CHUNKING_STRATEGY_TYPES)}, not ${show(type)}.`;
      }
      return undefined;
    },
  }
);

/** One item of `file_search.vector_stores` (loose). */
export const vectorStoreSchema = looseObject(
  {
    file_ids: idListField({
      label: "the vector store's `file_ids`",
      what: "file ID",
      max: VECTOR_STORE_MAX_FILES,
      tooMany: (n) => `A vector store can hold at most ${VECTOR_STORE_MAX_FILES} files, but ${n} are listed.`,
    }).optional(),
    chunking_strategy: chunkingStrategySchema.optional(),
    metadata: metadataSchema.optional(),
  },
  { where: "a vector store", wrongType: "Each vector store must be an object." }
);

const vectorStoresSchema = z
  .array(vectorStoreSchema, {
    error: (issue) =>
      issue.code === "invalid_type" ? "file_search `vector_stores` must be a list of vector store objects." : undefined,
  })
  .check(
    maxItems(
      FILE_SEARCH_MAX_VECTOR_STORES,
      (n) =>
        `A thread can have at most ${FILE_SEARCH_MAX_VECTOR_STORES} vector store, but vector_stores creates ${n}; keep only one.`
    )
  );

/**
 * `tool_resources.file_search` for Create thread (loose), with the contract's
 * `oneOf [required vector_store_ids, required vector_stores]`: exactly one of the two
 * must be present (a key holding `undefined` counts as absent — it is not in the JSON).
 * Both/neither → one issue at the file_search object itself.
 */
export const fileSearchResourcesSchema = looseObject(
  {
    vector_store_ids: vectorStoreIdsSchema.optional(),
    vector_stores: vectorStoresSchema.optional(),
  },
  { where: "file_search", wrongType: "`file_search` must be an object." }
).superRefine(
  (fileSearch, ctx) => {
    const hasIds = fileSearch.vector_store_ids !== undefined;
    const hasStores = fileSearch.vector_stores !== undefined;
    if (hasIds === hasStores) {
      ctx.addIssue({
        code: "custom",
        input: fileSearch,
        path: [],
        params: { rule: hasIds ? "file_search_both" : "file_search_neither" },
        message: hasIds
          ? "file_search takes either `vector_store_ids` (attach an existing vector store) or `vector_stores` (create one), not both; remove one of them."
          : "file_search needs either `vector_store_ids` (attach an existing vector store) or `vector_stores` (create one).",
      });
    }
  },
  // Presence alone decides this rule, so report it even when a sibling field is malformed.
  { when: (payload) => isPlainObject(payload.value) }
);

/** Create-thread `tool_resources` object (loose). Nullable where it is used. */
export const toolResourcesSchema = looseObject(
  {
    code_interpreter: codeInterpreterResourcesSchema.optional(),
    file_search: fileSearchResourcesSchema.optional(),
  },
  { where: "tool_resources", wrongType: "Tool resources must be an object, or null." }
);

export type ToolResources = z.infer<typeof toolResourcesSchema>;

/**
 * Modify-thread `tool_resources` (loose): the contract's modify variant of file_search
 * declares only `vector_store_ids` (maxItems 1) and has no `oneOf`; anything else in it
 * is an unknown key and passes through.
 */
export const modifyToolResourcesSchema = looseObject(
  {
    code_interpreter: codeInterpreterResourcesSchema.optional(),
    file_search: looseObject(
      { vector_store_ids: vectorStoreIdsSchema.optional() },
      { where: "file_search", wrongType: "`file_search` must be an object." }
    ).optional(),
  },
  { where: "tool_resources", wrongType: "Tool resources must be an object, or null." }
);

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/**
 * Returns the caller's own value once `shape` accepts it. zod rebuilds every object it
 * parses, putting declared keys first and unknown keys after them; the request body would
 * then reach the upstream with its keys reordered, not as the user built it. Issues keep
 * their paths (each is forwarded as is).
 */
function untouched<T>(shape: z.ZodType<T>) {
  return z.custom<T>(() => true).superRefine((value, ctx) => {
    const result = shape.safeParse(value, { reportInput: true });
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ ...issue });
    // What the contract allows but Spool cannot keep (NUL, lone surrogates, prototype keys).
    for (const { path, message } of unstorableInputIssues(value)) ctx.addIssue({ code: "custom", input: value, path, message });
  });
}

/** `CreateThreadRequest` (`additionalProperties: false` → strict). Every field is optional; `{}` is valid. */
const threadCreateRequestShape = strictObject(
  {
    messages: z
      .array(createMessageSchema, {
        error: (issue) => (issue.code === "invalid_type" ? "`messages` must be a list of message objects." : undefined),
      })
      .optional(),
    tool_resources: toolResourcesSchema.nullable().optional(),
    metadata: metadataSchema.optional(),
  },
  { where: "a Create-thread request", wrongType: "The request body must be a JSON object." }
);

/** `ModifyThreadRequest` (`additionalProperties: false` → strict). */
const threadModifyRequestShape = strictObject(
  {
    tool_resources: modifyToolResourcesSchema.nullable().optional(),
    metadata: metadataSchema.optional(),
  },
  { where: "a Modify-thread request", wrongType: "The request body must be a JSON object." }
);

/** The Create-thread gate: validates with the shape above and returns the caller's object itself. */
export const threadCreateRequestSchema = untouched(threadCreateRequestShape);
/** The Modify-thread gate, likewise returning the caller's object. */
export const threadModifyRequestSchema = untouched(threadModifyRequestShape);

/**
 * The Create-message gate (`POST /threads/{id}/messages`): the contract's
 * `CreateMessageRequest` is the very message shape of a create-thread request, so it is the
 * same schema, returning the caller's object.
 */
export const messageCreateRequestSchema = untouched(createMessageSchema);
export type MessageCreateRequest = z.infer<typeof createMessageSchema>;
export type MessageCreateRequestInput = z.input<typeof createMessageSchema>;

/** Parsed (output) type. Identical to the input type: nothing is transformed. */
export type ThreadCreateRequest = z.infer<typeof threadCreateRequestShape>;
export type ThreadCreateRequestInput = z.input<typeof threadCreateRequestShape>;
export type ThreadModifyRequest = z.infer<typeof threadModifyRequestShape>;
export type ThreadModifyRequestInput = z.input<typeof threadModifyRequestShape>;
export type Metadata = z.infer<typeof metadataSchema>;
