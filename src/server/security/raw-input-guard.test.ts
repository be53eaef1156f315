import { describe, expect, it } from "vitest";
import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { MAX_INPUT_DEPTH, MAX_LIST_ITEMS, rawInputIssues } from "./raw-input-guard";

const where = (input: unknown) => rawInputIssues(input).map(({ path, message }) => `${formatIssuePath(path)}: ${message}`);

describe("rawInputIssues", () => {
  it("accepts ordinary input, emoji included", () => {
    expect(rawInputIssues({ request: { messages: [{ role: "user", content: "hi 👋" }], metadata: { team: "qa" } } })).toEqual([]);
  });

  it("refuses prototype keys wherever they are, at the key's own path", () => {
    expect(where(JSON.parse('{"request":{"metadata":{"__proto__":"x"}}}'))).toEqual([
      'request.metadata.__proto__: Metadata key "__proto__" is reserved: Spool cannot store it safely.',
    ]);
    expect(where({ request: { metadata: { constructor: "x" } } })).toEqual([
      'request.metadata.constructor: Metadata key "constructor" is reserved: Spool cannot store it safely.',
    ]);
    expect(where({ a: [{ prototype: 1 }] })).toEqual(['a[0].prototype: Field name "prototype" is reserved: Spool cannot store it safely.']);
  });

  it("refuses text PostgreSQL cannot store: NUL and unpaired surrogates, in values and keys", () => {
    expect(where({ content: "a\u0000b" })).toEqual(["content: Text cannot contain the NUL character (U+0000): Spool cannot store it."]);
    expect(where({ content: "\ud800" })[0]).toMatch(/^content: .*unpaired UTF-16 surrogate/);
    expect(where({ content: ["x\udc00"] })[0]).toMatch(/^content\[0\]: .*surrogate/);
    expect(where({ metadata: { "k\u0000": "v" } })).toEqual([
      'metadata["k\\u0000"]: Metadata key "k\\u0000" cannot contain the NUL character (U+0000): Spool cannot store it.',
    ]);
  });

  it("accepts paired surrogates (astral characters)", () => {
    expect(rawInputIssues({ "😀": "𝄞" })).toEqual([]);
  });

  it("refuses nesting deeper than the limit without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [issue] = rawInputIssues(deep);
    expect(issue?.message).toMatch(new RegExp(`more than ${MAX_INPUT_DEPTH} levels`));
    expect(issue?.path).toHaveLength(MAX_INPUT_DEPTH);
  });

  it("refuses a list longer than the limit at the list's path, and accepts one at the limit", () => {
    const at = Array.from({ length: MAX_LIST_ITEMS }, () => "file-1");
    expect(rawInputIssues({ request: { tool_resources: { code_interpreter: { file_ids: at } } } })).toEqual([]);
    expect(where({ request: { messages: [...at, "x"] } })).toEqual([
      `request.messages: This list has ${MAX_LIST_ITEMS + 1} items; Spool accepts at most ${MAX_LIST_ITEMS} in one list.`,
    ]);
  });
});
