// The drafts every SDK sample is generated from and run against the emulator: together they use
// every part of the Create-thread contract, and text that is hard to write in source code.

export type CorpusDraft = {
  name: string;
  /** The request body, exactly as the composer would hold it. */
  body: Record<string, unknown>;
  /**
   * A body the contract refuses (an unknown top-level key): the dynamic languages still write it
   * (in extra_body), and running it must end in the API's 400 naming `param`.
   */
  refusedParam?: string;
};

/** Text with everything a string literal can get wrong in one of the six languages. */
export const TRICKY_TEXT =
  `It's "quoted", 'single', back\\slash, \\n not a newline, \\u000a not one either, $HOME, \${x}, #{not} #@ivar #$global, ` +
  "`backticks`, %s %d {0} {{braces}}, line one\nline two\r\nafter CR-LF\ttab, U+2028[\u2028] U+2029[\u2029], " +
  "emoji 😀👩🏽‍💻🇺🇦, </script><script>alert(1)</script>, \u0001 \u001f \u007f, NBSP[\u00a0], zero-width[\u200b], BOM[\ufeff], end\\";

/** `n` characters (code points) made of `unit`s, `unit` being one code point. */
function chars(unit: string, n: number): string {
  return unit.repeat(n);
}

/** A metadata key of exactly 64 code points: prefix, emoji, padding. */
function limitKey(i: number): string {
  const head = `k${String(i).padStart(2, "0")}-😀"\\$#{}\``;
  return head + chars("x", 64 - Array.from(head).length);
}

/** A metadata value of exactly 512 code points, tricky text first. */
function limitValue(i: number): string {
  const head = `v${i} ${TRICKY_TEXT}`;
  const headChars = Array.from(head).slice(0, 400).join("");
  return headChars + chars("é", 512 - Array.from(headChars).length);
}

function fullMetadata(): Record<string, string> {
  return Object.fromEntries(Array.from({ length: 16 }, (_, i) => [limitKey(i), limitValue(i)]));
}

export const SDK_CORPUS: readonly CorpusDraft[] = [
  { name: "empty", body: {} },
  {
    name: "string-messages",
    body: {
      messages: [
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Hi! How can I help?" },
      ],
    },
  },
  {
    name: "content-parts",
    body: {
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: TRICKY_TEXT },
            { type: "image_url", image_url: { url: "https://example.com/cat.png?size=large&v=2#frag", detail: "high" } },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_file", image_file: { file_id: "file-img-1", detail: "low" } },
            { type: "image_file", image_file: { file_id: "file-img-2", detail: "auto" } },
          ],
        },
      ],
    },
  },
  {
    name: "attachments-and-message-metadata",
    body: {
      messages: [
        {
          role: "user",
          content: "Read these.",
          attachments: [
            { file_id: "file-both", tools: [{ type: "code_interpreter" }, { type: "file_search" }] },
            { file_id: "file-search-only", tools: [{ type: "file_search" }] },
            { file_id: "file-code-only", tools: [{ type: "code_interpreter" }] },
          ],
          metadata: { source: "upload", "key with spaces": TRICKY_TEXT.slice(0, 200) },
        },
        { role: "assistant", content: [{ type: "text", text: "Done." }], metadata: {} },
      ],
    },
  },
  {
    name: "vector-store-static-chunking",
    body: {
      tool_resources: {
        code_interpreter: { file_ids: ["file-ci-1", "file-ci-2", "file-ci-3"] },
        file_search: {
          vector_stores: [
            {
              file_ids: ["file-vs-1", "file-vs-2"],
              chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 4096, chunk_overlap_tokens: 2048 } },
              metadata: { team: "search", "quote\"key": "back\\slash" },
            },
          ],
        },
      },
      metadata: { project: "spool" },
    },
  },
  {
    name: "vector-store-auto-chunking",
    body: {
      tool_resources: {
        file_search: { vector_stores: [{ file_ids: ["file-auto"], chunking_strategy: { type: "auto" } }] },
      },
    },
  },
  {
    name: "vector-store-ids",
    body: {
      messages: [{ role: "user", content: "Search my store." }],
      tool_resources: { file_search: { vector_store_ids: ["vs_abc123"] }, code_interpreter: { file_ids: [] } },
    },
  },
  {
    name: "metadata-16-pairs-at-limits",
    body: { messages: [{ role: "user", content: TRICKY_TEXT, metadata: fullMetadata() }], metadata: fullMetadata() },
  },
  {
    name: "tricky-text-everywhere",
    body: {
      messages: [
        { role: "user", content: TRICKY_TEXT },
        { role: "assistant", content: [{ type: "text", text: `${TRICKY_TEXT}\n${TRICKY_TEXT}` }] },
      ],
      metadata: { [`k${"$"}{x}#{y}\``]: TRICKY_TEXT.slice(0, 300), "</script>": "😀\u2028" },
    },
  },
  {
    name: "explicit-nulls",
    body: {
      messages: [{ role: "user", content: "nulls", attachments: null, metadata: null }],
      tool_resources: null,
      metadata: null,
    },
  },
  {
    // The contract leaves these objects open; the typed SDKs have no field for an unknown key and
    // their samples say so, so Go and Java are held to the draft without the keys they list.
    name: "unknown-keys-in-open-objects",
    body: {
      messages: [{ role: "user", content: [{ type: "text", text: "x", "x-note": "kept" }] }],
      tool_resources: { code_interpreter: { file_ids: ["file-x"], "x-note": 1 } },
    },
  },
  {
    name: "empty-containers",
    body: { messages: [], metadata: {} },
  },
  {
    name: "unknown-top-level-key",
    body: { messages: [{ role: "user", content: "hi" }], "my key": { nested: [1, "two", null, true] } },
    refusedParam: "my key",
  },
];
