import { describe, expect, it } from "vitest";
import { locateInJson, type JsonSpot } from "./json-location";

const body = JSON.stringify(
  {
    messages: [
      { role: "user", content: "hello" },
      { role: "system", content: [{ type: "text", text: "x" }] },
    ],
    tool_resources: { custom: { a: 1 } },
    metadata: { "my key": "v" },
  },
  null,
  2,
);

/** The selected text, or the 30 characters from the cursor when nothing is selected. */
function at(text: string, spot: JsonSpot): string | undefined {
  const range = locateInJson(text, spot);
  if (!range) return undefined;
  return range.to > range.from ? text.slice(range.from, range.to) : `|${text.slice(range.from, range.from + 30)}`;
}

describe("locateInJson", () => {
  it("selects a scalar value at its path", () => {
    expect(at(body, { path: ["messages", 1, "role"] })).toBe('"system"');
    expect(at(body, { path: ["messages", 1, "content", 0, "text"] })).toBe('"x"');
    expect(at(body, { path: ["metadata", "my key"] })).toBe('"v"');
  });

  it("selects the key of an object value, and puts the cursor on the bracket of a list item", () => {
    expect(at(body, { path: ["tool_resources", "custom"] })).toBe('"custom"');
    expect(at(body, { path: ["messages", 1] })).toMatch(/^\|\{\n\s+"role"/);
    expect(at(body, { path: [] })).toMatch(/^\|\{\n {2}"messages/);
  });

  it("puts the cursor inside the nearest existing parent of a missing field", () => {
    expect(at(body, { path: ["messages", 0, "attachments", 0] })).toMatch(/^\|\n\s+"role": "user"/);
    expect(at(body, { path: ["thread_id"] })).toMatch(/^\|\n {2}"messages/);
  });

  it("places nothing in text that is not JSON", () => {
    expect(locateInJson('{messages: [{role: "user"}]}', { path: ["messages", 0, "role"] })).toBeUndefined();
    expect(locateInJson('{"messages": [}', { path: ["messages"] })).toBeUndefined();
  });

  it("turns a syntax error's line and column into an offset, counting from the first non-blank character", () => {
    const text = '\n\n  {\n  "messages": [}\n}';
    // The composer reads the text trimmed: line 2, column 16 of `{\n  "messages": [}\n}` is the `}`.
    const range = locateInJson(text, { line: 2, column: 16 })!;
    expect(text[range.from]).toBe("}");
    expect(range.to).toBe(range.from);
    expect(locateInJson(text, { line: 9, column: 1 })).toBeUndefined();
    expect(locateInJson(`curl https://x -d '{"a": }'`, { line: 1, column: 7 })).toBeUndefined();
  });
});
