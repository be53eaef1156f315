import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { formatIssuePath, issuesToFieldErrors } from "./issue-path";
import {
  CHUNK_SIZE_MAX,
  CHUNK_SIZE_MIN,
  CODE_INTERPRETER_MAX_FILES,
  countChars,
  createMessageSchema,
  isAbsoluteUri,
  maxChunkOverlapFor,
  METADATA_KEY_MAX,
  METADATA_MAX_PAIRS,
  METADATA_VALUE_MAX,
  metadataSchema,
  messageContentPartSchema,
  threadCreateRequestSchema,
  threadModifyRequestSchema,
  toolResourcesSchema,
  type ThreadCreateRequest,
} from "./schema";

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

type Schema = { safeParse: (input: unknown) => z.ZodSafeParseResult<unknown> };

/** Parses and expects success with output deep-equal (and prototype-equal) to the input. */
function expectAccepted<T = ThreadCreateRequest>(input: unknown, schema: Schema = threadCreateRequestSchema): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`expected valid, got ${JSON.stringify(issuesToFieldErrors(result.error))}`);
  expect(result.data).toStrictEqual(input);
  return result.data as T;
}

/** Parses and expects failure; returns the field errors ({ path, message }). */
function fieldErrors(input: unknown, schema: Schema = threadCreateRequestSchema) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected invalid: ${JSON.stringify(input)}`);
  return issuesToFieldErrors(result.error);
}

/** Expects rejection with exactly one error, at `path`; returns its message. */
function expectOnlyErrorAt(input: unknown, path: string, schema: Schema = threadCreateRequestSchema): string {
  const errors = fieldErrors(input, schema);
  expect(errors.map((e) => e.path)).toEqual([path]);
  const message = errors[0]!.message;
  expectActionableSentence(message);
  return message;
}

/** A message that is ours (not zod's default English) and reads as a sentence. */
function expectActionableSentence(message: string) {
  expect(message).toMatch(/[.]$/);
  expect(message).not.toMatch(/^(Invalid input|Invalid option|Too (big|small)|Unrecognized key|Invalid discriminator)/);
}

const msg = (extra: Record<string, unknown> = {}) => ({ role: "user", content: "Hello", ...extra });
const withMessage = (extra: Record<string, unknown>) => ({ messages: [msg(extra)] });
const withPart = (part: unknown) => ({ messages: [{ role: "user", content: [{ type: "text", text: "see" }, part] }] });
const PART = "messages[0].content[1]";
const withStore = (store: Record<string, unknown>) => ({ tool_resources: { file_search: { vector_stores: [store] } } });
const withStatic = (max: unknown, overlap: unknown, extra: Record<string, unknown> = {}) =>
  withStore({
    chunking_strategy: {
      type: "static",
      static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap, ...extra },
    },
  });
const STATIC = "tool_resources.file_search.vector_stores[0].chunking_strategy.static";
const pairs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));

/** Every part of the contract at once. */
const fullRequest = {
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in these images?" },
        { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==" } },
        { type: "image_file", image_file: { file_id: "file-img", detail: "low" } },
        { type: "image_file", image_file: { file_id: "file-img2" } },
      ],
      attachments: [
        { file_id: "file-a", tools: [{ type: "code_interpreter" }, { type: "file_search" }] },
        { file_id: "file-b", tools: [] },
      ],
      metadata: { source: "composer" },
    },
    { role: "assistant", content: "Two cats.", attachments: null, metadata: null },
  ],
  tool_resources: {
    code_interpreter: { file_ids: ["file-1", "file-2"] },
    file_search: {
      vector_stores: [
        {
          file_ids: ["file-3"],
          chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
          metadata: { team: "search" },
        },
      ],
    },
  },
  metadata: { project: "spool", ticket: "SP-1" },
};

// ---------------------------------------------------------------------------
// accepted
// ---------------------------------------------------------------------------

describe("threadCreateRequestSchema accepts what the contract accepts, untouched", () => {
  it("accepts the minimal request {}", () => {
    expectAccepted({});
  });

  it("accepts a request using every part, and the parse output deep-equals the input", () => {
    const input = structuredClone(fullRequest);
    const output = expectAccepted(input);
    expect(output).toStrictEqual(fullRequest); // nothing mutated in place either
    expect(JSON.stringify(output)).toBe(JSON.stringify(fullRequest)); // same keys in the same order
  });

  it("returns the caller's own object, so keys keep the caller's order (unknown keys first included)", () => {
    const input = {
      metadata: { b: "2", a: "1" },
      tool_resources: { extra: true, file_search: { vector_stores: [{ metadata: null, file_ids: ["f"] }] } },
      messages: [{ content: [{ text: "hi", type: "text", note: 1 }], role: "user" }],
    };
    const result = threadCreateRequestSchema.safeParse(input);
    expect(result.success && result.data).toBe(input);
    expect(JSON.stringify(result.data)).toBe(JSON.stringify(input));
  });

  it("accepts the vector_store_ids form of file_search and auto chunking", () => {
    expectAccepted({ tool_resources: { file_search: { vector_store_ids: ["vs_1"] } } });
    expectAccepted({ tool_resources: { file_search: { vector_store_ids: [] } } });
    expectAccepted(withStore({ chunking_strategy: { type: "auto" } }));
    expectAccepted(withStore({}));
  });

  it("accepts null where the contract allows it (metadata, tool_resources, attachments, nested metadata)", () => {
    expectAccepted({ metadata: null, tool_resources: null });
    expectAccepted(withMessage({ attachments: null, metadata: null }));
    expectAccepted(withStore({ metadata: null }));
  });

  it("rejects null where the contract does not allow it", () => {
    expectOnlyErrorAt({ messages: null }, "messages");
    expectOnlyErrorAt(withMessage({ content: null }), "messages[0].content");
    expectOnlyErrorAt({ tool_resources: { code_interpreter: null } }, "tool_resources.code_interpreter");
    expectOnlyErrorAt({ tool_resources: { file_search: null } }, "tool_resources.file_search");
    expectOnlyErrorAt(withStore({ chunking_strategy: null }), "tool_resources.file_search.vector_stores[0].chunking_strategy");
  });

  it("accepts empty strings and empty lists the contract does not forbid", () => {
    expectAccepted({ messages: [] });
    expectAccepted({ messages: [msg({ content: "" })], metadata: {} });
    expectAccepted({ messages: [msg({ attachments: [] })], tool_resources: {} });
    expectAccepted({ tool_resources: { code_interpreter: {}, file_search: { vector_stores: [] } } });
    expectAccepted(withPart({ type: "text", text: "" }));
  });

  it("accepts attachments without file_id or tools (the contract's `required` sits on the array, not the item)", () => {
    expectAccepted(withMessage({ attachments: [{}, { file_id: "file-1" }, { tools: [{ type: "file_search" }] }] }));
  });

  it("keeps unknown keys where the contract is silent (loose objects) instead of stripping them", () => {
    expectAccepted({
      messages: [
        msg({
          content: [
            { type: "text", text: "x", cache: true },
            { type: "image_url", image_url: { url: "https://e.com/a.png", extra: 1 }, note: "n" },
            { type: "image_file", image_file: { file_id: "f", extra: [1] } },
          ],
          attachments: [{ file_id: "f", tools: [{ type: "code_interpreter", x: 1 }], extra: null }],
        }),
      ],
      tool_resources: {
        code_interpreter: { file_ids: [], x: 1 },
        file_search: { vector_store_ids: ["vs"], x: { y: 2 } },
        future_tool: { anything: true },
      },
    });
    expectAccepted(withStore({ file_ids: [], extra: "kept" }));
  });

  it("keeps undefined-valued optional keys as they are (JSON drops them; they count as absent)", () => {
    expectAccepted({ messages: undefined, metadata: undefined, tool_resources: undefined });
    expectAccepted({ tool_resources: { file_search: { vector_store_ids: ["vs"], vector_stores: undefined } } });
  });

  it("accepts every absolute URI form for image_url.url (http, https, data:, other schemes)", () => {
    for (const url of [
      "https://example.com/cat.png",
      "http://example.com:8080/a/b.jpg?x=1&y=%20#frag",
      "http://[2001:db8::1]/a.gif",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:image/svg+xml,%3Csvg%2F%3E",
      "urn:example:image",
      "ftp://files.example.com/a.webp",
    ]) {
      expect(isAbsoluteUri(url), url).toBe(true);
      expectAccepted(withPart({ type: "image_url", image_url: { url } }));
    }
  });

  it("accepts a multi-megabyte data: URI quickly", () => {
    const url = `data:image/png;base64,${"iVBORw0KGgo/+A=".repeat(400_000)}`; // ~6 MB
    const started = performance.now();
    expectAccepted(withPart({ type: "image_url", image_url: { url } }));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("refuses a metadata key named __proto__ at that key, though the contract allows it (Spool cannot store it safely)", () => {
    const result = threadCreateRequestSchema.safeParse(JSON.parse('{"metadata":{"__proto__":"x","a":"b"}}'));
    expect(result.success).toBe(false);
    expect(issuesToFieldErrors(result.error!)).toEqual([
      { path: "metadata.__proto__", message: 'Metadata key "__proto__" is reserved: Spool cannot store it safely.' },
    ]);
  });

  it("counts metadata characters as Unicode code points (64 emoji make a valid key)", () => {
    const key = "😀".repeat(METADATA_KEY_MAX);
    expect(key.length).toBe(2 * METADATA_KEY_MAX);
    expect(countChars(key)).toBe(METADATA_KEY_MAX);
    expectAccepted({ metadata: { [key]: "𝄞".repeat(METADATA_VALUE_MAX) } });
  });

  it("accepts metadata exactly at the limits (16 pairs, 64-character key, 512-character value)", () => {
    expectAccepted({ metadata: pairs(METADATA_MAX_PAIRS) });
    expectAccepted({ metadata: { ["k".repeat(METADATA_KEY_MAX)]: "v".repeat(METADATA_VALUE_MAX) } });
  });

  it("accepts 20 code_interpreter file_ids and chunk sizes at both bounds", () => {
    const file_ids = Array.from({ length: CODE_INTERPRETER_MAX_FILES }, (_, i) => `file-${i}`);
    expectAccepted({ tool_resources: { code_interpreter: { file_ids } } });
    expectAccepted(withStatic(CHUNK_SIZE_MIN, 0));
    expectAccepted(withStatic(CHUNK_SIZE_MAX, maxChunkOverlapFor(CHUNK_SIZE_MAX)));
  });

  it("accepts chunk_overlap_tokens of exactly half of max_chunk_size_tokens", () => {
    expectAccepted(withStatic(800, 400));
    expectAccepted(withStatic(801, 400)); // half is 400.5, so 400 is the largest whole overlap
  });
});

// ---------------------------------------------------------------------------
// rejected, one limit at a time
// ---------------------------------------------------------------------------

describe("threadCreateRequestSchema rejects each broken contract limit at the failing field", () => {
  it(`rejects ${METADATA_MAX_PAIRS + 1} metadata pairs at metadata`, () => {
    const message = expectOnlyErrorAt({ metadata: pairs(METADATA_MAX_PAIRS + 1) }, "metadata");
    expect(message).toMatch(/at most 16/);
  });

  it(`rejects a ${METADATA_KEY_MAX + 1}-character metadata key at metadata.<key>, saying the key is too long`, () => {
    const key = "k".repeat(METADATA_KEY_MAX + 1);
    const message = expectOnlyErrorAt({ metadata: { [key]: "v" } }, `metadata.${key}`);
    expect(message).toMatch(/key .* is too long/);
    expect(message).toMatch(/64 characters/);
  });

  it(`rejects a ${METADATA_VALUE_MAX + 1}-character metadata value at metadata.<key>`, () => {
    const message = expectOnlyErrorAt({ metadata: { note: "v".repeat(METADATA_VALUE_MAX + 1) } }, "metadata.note");
    expect(message).toMatch(/value .* is too long/);
    expectOnlyErrorAt({ metadata: { "my key": "😀".repeat(METADATA_VALUE_MAX + 1) } }, 'metadata["my key"]');
  });

  it("rejects a non-string metadata value and a non-object metadata", () => {
    expectOnlyErrorAt({ metadata: { count: 3 } }, "metadata.count");
    expectOnlyErrorAt({ metadata: ["a"] }, "metadata");
    expectOnlyErrorAt({ metadata: "a=b" }, "metadata");
  });

  it("applies the metadata limits to message and vector store metadata too", () => {
    expectOnlyErrorAt(withMessage({ metadata: pairs(METADATA_MAX_PAIRS + 1) }), "messages[0].metadata");
    expectOnlyErrorAt(withStore({ metadata: { k: "v".repeat(METADATA_VALUE_MAX + 1) } }), "tool_resources.file_search.vector_stores[0].metadata.k");
  });

  it("rejects role system", () => {
    const message = expectOnlyErrorAt(withMessage({ role: "system" }), "messages[0].role");
    expect(message).toBe('Message role must be "user" or "assistant", not "system".');
  });

  it("rejects a message without role or content", () => {
    expectOnlyErrorAt({ messages: [{ content: "hi" }] }, "messages[0].role");
    expectOnlyErrorAt({ messages: [{ role: "user" }] }, "messages[0].content");
  });

  it("rejects an empty content array", () => {
    const message = expectOnlyErrorAt(withMessage({ content: [] }), "messages[0].content");
    expect(message).toMatch(/at least one content part/);
  });

  it("rejects content that is neither a string nor a list", () => {
    expectOnlyErrorAt(withMessage({ content: { type: "text", text: "hi" } }), "messages[0].content");
  });

  it(`rejects ${CODE_INTERPRETER_MAX_FILES + 1} code_interpreter file_ids`, () => {
    const file_ids = Array.from({ length: CODE_INTERPRETER_MAX_FILES + 1 }, (_, i) => `file-${i}`);
    const message = expectOnlyErrorAt({ tool_resources: { code_interpreter: { file_ids } } }, "tool_resources.code_interpreter.file_ids");
    expect(message).toMatch(/at most 20 files/);
    expectOnlyErrorAt({ tool_resources: { code_interpreter: { file_ids: ["ok", 7] } } }, "tool_resources.code_interpreter.file_ids[1]");
  });

  it("reports a too-long list and a bad item in it together", () => {
    const file_ids: unknown[] = Array.from({ length: CODE_INTERPRETER_MAX_FILES + 1 }, (_, i) => `file-${i}`);
    file_ids[3] = 3;
    expect(fieldErrors({ tool_resources: { code_interpreter: { file_ids } } }).map((e) => e.path)).toEqual([
      "tool_resources.code_interpreter.file_ids[3]",
      "tool_resources.code_interpreter.file_ids",
    ]);
  });

  it("rejects 2 vector_store_ids", () => {
    expectOnlyErrorAt({ tool_resources: { file_search: { vector_store_ids: ["vs_1", "vs_2"] } } }, "tool_resources.file_search.vector_store_ids");
  });

  it("rejects 2 vector_stores", () => {
    expectOnlyErrorAt({ tool_resources: { file_search: { vector_stores: [{}, {}] } } }, "tool_resources.file_search.vector_stores");
  });

  it("rejects file_search with both vector_store_ids and vector_stores, at tool_resources.file_search", () => {
    const message = expectOnlyErrorAt(
      { tool_resources: { file_search: { vector_store_ids: ["vs_1"], vector_stores: [{}] } } },
      "tool_resources.file_search"
    );
    expect(message).toMatch(/not both/);
  });

  it("rejects file_search with neither vector_store_ids nor vector_stores, at tool_resources.file_search", () => {
    const message = expectOnlyErrorAt({ tool_resources: { file_search: {} } }, "tool_resources.file_search");
    expect(message).toMatch(/needs either/);
    expectOnlyErrorAt({ tool_resources: { file_search: { vector_store_ids: undefined } } }, "tool_resources.file_search");
  });

  it("reports both/neither even when a sibling field is malformed", () => {
    const paths = fieldErrors({ tool_resources: { file_search: { vector_store_ids: "vs_1", vector_stores: [] } } }).map((e) => e.path);
    expect(paths).toEqual(["tool_resources.file_search.vector_store_ids", "tool_resources.file_search"]);
  });

  it.each([
    [CHUNK_SIZE_MIN - 1, /at least 100/],
    [CHUNK_SIZE_MAX + 1, /at most 4096/],
    [800.5, /whole number/],
    ["800", /must be a number/],
  ])("rejects max_chunk_size_tokens %s", (max, text) => {
    const message = expectOnlyErrorAt(withStatic(max, 0), `${STATIC}.max_chunk_size_tokens`);
    expect(message).toMatch(text);
  });

  it("rejects chunk_overlap_tokens of half + 1, and accepts exactly half", () => {
    const message = expectOnlyErrorAt(withStatic(800, 401), `${STATIC}.chunk_overlap_tokens`);
    expect(message).toBe(
      "Chunk overlap (401 tokens) must not exceed half of the max chunk size (800 tokens); use 400 or fewer."
    );
    expectAccepted(withStatic(800, 400));
    expectOnlyErrorAt(withStatic(801, 401), `${STATIC}.chunk_overlap_tokens`);
  });

  it("rejects a negative or fractional chunk_overlap_tokens, and a missing one", () => {
    expect(expectOnlyErrorAt(withStatic(800, -1), `${STATIC}.chunk_overlap_tokens`)).toMatch(/cannot be negative/);
    expectOnlyErrorAt(withStatic(800, 10.5), `${STATIC}.chunk_overlap_tokens`);
    expectOnlyErrorAt(withStore({ chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800 } } }), `${STATIC}.chunk_overlap_tokens`);
  });

  it("rejects an unknown top-level key (the request is additionalProperties: false)", () => {
    const result = threadCreateRequestSchema.safeParse({ assistant_id: "asst_1" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toMatchObject([{ code: "unrecognized_keys", keys: ["assistant_id"], path: [] }]);
    const message = expectOnlyErrorAt({ assistant_id: "asst_1" }, "assistant_id");
    expect(message).toMatch(/Allowed fields here: messages, tool_resources, metadata\./);
  });

  it("rejects an unknown key in a message (CreateMessageRequest is additionalProperties: false)", () => {
    expectOnlyErrorAt(withMessage({ name: "bob" }), "messages[0].name");
    const errors = fieldErrors(withMessage({ name: "bob", "file ids": [] }));
    expect(errors.map((e) => e.path)).toEqual(["messages[0].name", 'messages[0]["file ids"]']);
  });

  it("rejects unknown keys in static chunking, its static object and auto chunking", () => {
    expectOnlyErrorAt(withStatic(800, 400, { overlap_ratio: 0.5 }), `${STATIC}.overlap_ratio`);
    expectOnlyErrorAt(
      withStore({ chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 }, x: 1 } }),
      "tool_resources.file_search.vector_stores[0].chunking_strategy.x"
    );
    expectOnlyErrorAt(withStore({ chunking_strategy: { type: "auto", static: {} } }), "tool_resources.file_search.vector_stores[0].chunking_strategy.static");
  });

  it("rejects an unknown chunking strategy type at chunking_strategy.type", () => {
    expectOnlyErrorAt(withStore({ chunking_strategy: { type: "semantic" } }), "tool_resources.file_search.vector_stores[0].chunking_strategy.type");
  });

  it("rejects a bad detail enum on image_url and image_file", () => {
    const message = expectOnlyErrorAt(
      withPart({ type: "image_url", image_url: { url: "https://e.com/a.png", detail: "ultra" } }),
      `${PART}.image_url.detail`
    );
    expect(message).toBe('Image detail must be "auto", "low" or "high", not "ultra".');
    expectOnlyErrorAt(withPart({ type: "image_file", image_file: { file_id: "f", detail: "HIGH" } }), `${PART}.image_file.detail`);
  });

  it.each([
    "not a url",
    "example.com/cat.png",
    "/images/cat.png",
    "//example.com/cat.png",
    "https://exa mple.com/cat.png",
    "https://例え.jp/cat.png",
    "https://example.com/%zz.png",
    "",
  ])("rejects the non-URI image url %j", (url) => {
    const message = expectOnlyErrorAt(withPart({ type: "image_url", image_url: { url } }), `${PART}.image_url.url`);
    expect(message).toMatch(/absolute URI/);
  });

  it("rejects content parts with a missing or unknown type, and missing required fields", () => {
    expectOnlyErrorAt(withPart({ type: "input_audio" }), `${PART}.type`);
    expectOnlyErrorAt(withPart({ text: "no type" }), `${PART}.type`);
    expectOnlyErrorAt(withPart("just text"), PART);
    expectOnlyErrorAt(withPart({ type: "text" }), `${PART}.text`);
    expectOnlyErrorAt(withPart({ type: "image_url", image_url: {} }), `${PART}.image_url.url`);
    expectOnlyErrorAt(withPart({ type: "image_url" }), `${PART}.image_url`);
    expectOnlyErrorAt(withPart({ type: "image_file", image_file: {} }), `${PART}.image_file.file_id`);
  });

  it("rejects an unknown attachment tool type at attachments[i].tools[j].type", () => {
    const message = expectOnlyErrorAt(
      withMessage({ attachments: [{ file_id: "f", tools: [{ type: "file_search" }, { type: "retrieval" }] }] }),
      "messages[0].attachments[0].tools[1].type"
    );
    expect(message).toMatch(/"code_interpreter" or "file_search", not "retrieval"/);
  });

  it("rejects bodies that are not objects at the root path", () => {
    for (const body of [null, [], "{}", 1]) expectOnlyErrorAt(body, "");
  });

  it("reports several independent problems together, each at its own field", () => {
    const errors = fieldErrors({
      messages: [{ role: "system", content: [] }, msg({ content: [{ type: "image_url", image_url: { url: "nope" } }] })],
      metadata: { ["k".repeat(65)]: "v" },
      tool_resources: { file_search: {} },
    });
    expect(errors.map((e) => e.path)).toEqual([
      "messages[0].role",
      "messages[0].content",
      "messages[1].content[0].image_url.url",
      "tool_resources.file_search",
      `metadata.${"k".repeat(65)}`,
    ]);
    errors.forEach((e) => expectActionableSentence(e.message));
  });
});

// ---------------------------------------------------------------------------
// modify
// ---------------------------------------------------------------------------

describe("threadModifyRequestSchema follows ModifyThreadRequest", () => {
  it("accepts {}, metadata and tool_resources (with nulls), untouched", () => {
    expectAccepted({}, threadModifyRequestSchema);
    expectAccepted({ metadata: null, tool_resources: null }, threadModifyRequestSchema);
    expectAccepted(
      { metadata: { a: "b" }, tool_resources: { code_interpreter: { file_ids: ["f"] }, file_search: { vector_store_ids: ["vs"] } } },
      threadModifyRequestSchema
    );
  });

  it("has no exactly-one rule for file_search, and lets undeclared keys through (the contract is silent there)", () => {
    expectAccepted({ tool_resources: { file_search: {} } }, threadModifyRequestSchema);
    expectAccepted({ tool_resources: { file_search: { vector_stores: "anything" } } }, threadModifyRequestSchema);
  });

  it("rejects messages, an unknown key and broken limits", () => {
    expectOnlyErrorAt({ messages: [] }, "messages", threadModifyRequestSchema);
    expectOnlyErrorAt({ metadata: pairs(17) }, "metadata", threadModifyRequestSchema);
    expectOnlyErrorAt({ tool_resources: { file_search: { vector_store_ids: ["a", "b"] } } }, "tool_resources.file_search.vector_store_ids", threadModifyRequestSchema);
    expectOnlyErrorAt(
      { tool_resources: { code_interpreter: { file_ids: Array.from({ length: 21 }, (_, i) => `f${i}`) } } },
      "tool_resources.code_interpreter.file_ids",
      threadModifyRequestSchema
    );
  });
});

// ---------------------------------------------------------------------------
// the pieces the form uses on their own
// ---------------------------------------------------------------------------

describe("exported sub-schemas validate their piece on its own", () => {
  it("metadataSchema is nullable and reports key problems at [key]", () => {
    expect(metadataSchema.safeParse(null).success).toBe(true);
    const result = metadataSchema.safeParse({ ["x".repeat(65)]: "v" });
    expect(result.error?.issues[0]?.path).toEqual(["x".repeat(65)]);
    expect(result.error?.issues[0]?.code).toBe("too_big");
  });

  it("createMessageSchema, messageContentPartSchema and toolResourcesSchema work standalone", () => {
    expectAccepted(msg(), createMessageSchema);
    expectAccepted({ type: "image_file", image_file: { file_id: "f" } }, messageContentPartSchema);
    expectAccepted({ file_search: { vector_store_ids: ["vs"] } }, toolResourcesSchema);
    expectOnlyErrorAt({ file_search: {} }, "file_search", toolResourcesSchema);
  });
});

describe("formatIssuePath and issuesToFieldErrors", () => {
  it("formats indexes in brackets, identifiers dotted and other keys quoted", () => {
    expect(formatIssuePath(["messages", 0, "content", 1, "image_url", "url"])).toBe("messages[0].content[1].image_url.url");
    expect(formatIssuePath(["metadata", "my key"])).toBe('metadata["my key"]');
    expect(formatIssuePath(["metadata", "0"])).toBe('metadata["0"]');
    expect(formatIssuePath(["metadata", ""])).toBe('metadata[""]');
    expect(formatIssuePath(["metadata", 'a"b'])).toBe('metadata["a\\"b"]');
    expect(formatIssuePath(["metadata", "$ok_1"])).toBe("metadata.$ok_1");
    expect(formatIssuePath([])).toBe("");
    expect(formatIssuePath([0])).toBe("[0]");
    expect(formatIssuePath(["a", Symbol("s")])).toBe("a[Symbol(s)]");
  });

  it("expands an unrecognized_keys issue into one error per unknown key", () => {
    const errors = fieldErrors({ a: 1, b: 2 });
    expect(errors).toEqual([
      { path: "a", message: 'Unknown field "a"; remove it. Allowed fields here: messages, tool_resources, metadata.' },
      { path: "b", message: 'Unknown field "b"; remove it. Allowed fields here: messages, tool_resources, metadata.' },
    ]);
  });
});

describe("module purity", () => {
  it("schema.ts, issue-path.ts, storable-input.ts, limits.ts and absolute-uri.ts import nothing but zod and each other (safe for the client bundle)", () => {
    for (const file of ["schema.ts", "issue-path.ts", "storable-input.ts", "limits.ts", "absolute-uri.ts"]) {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
      const imports = [...source.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
      expect(imports.length > 0 || ["storable-input.ts", "limits.ts", "absolute-uri.ts"].includes(file)).toBe(true);
      for (const specifier of imports) {
        expect(["zod", "./schema", "./storable-input", "./limits", "./absolute-uri"], `${file} imports ${specifier}`).toContain(specifier);
      }
      expect(source).not.toMatch(/\brequire\(|import\(/);
    }
  });
});
