import { beforeAll, describe, expect, it } from "vitest";
import { isLenientReaderLoaded, loadLenientReader, parseRequestText } from "./request-text";

const body = {
  messages: [{ role: "user", content: "Hello, what's up?", metadata: { "my key": "a#{b}" } }],
  metadata: { team: "qa" },
};

// First in the file: JSON5 is loaded on demand, once per module.
describe("parseRequestText before JSON5 has loaded", () => {
  it("reads strict JSON at once, and other text as pending (nothing to create) until JSON5 is there", async () => {
    expect(isLenientReaderLoaded()).toBe(false);
    expect(parseRequestText('{"metadata": {"team": "qa"}}')).toEqual({ ok: true, value: { metadata: { team: "qa" } }, source: "json" });
    expect(parseRequestText("{ metadata: { team: 'qa' } }")).toMatchObject({ ok: false, pending: true });
    await loadLenientReader();
    expect(parseRequestText("{ metadata: { team: 'qa' } }")).toEqual({ ok: true, value: { metadata: { team: "qa" } }, source: "json5" });
  });
});

describe("parseRequestText", () => {
  beforeAll(loadLenientReader);

  it("reads plain JSON as JSON", () => {
    expect(parseRequestText(JSON.stringify(body, null, 2))).toEqual({ ok: true, value: body, source: "json" });
  });

  it("reads the body of a curl example, including a quote escaped as '\\''", () => {
    const command = `curl https://api.example.com/v1/threads \\
  -H "Content-Type: application/json" \\
  -H "OpenAI-Beta: assistants=v2" \\
  -d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`;
    expect(parseRequestText(command)).toEqual({ ok: true, value: body, source: "curl" });
  });

  it("reads a Node SDK call with unquoted keys and trailing commas", () => {
    const code = `const thread = await openai.beta.threads.create({
  messages: [{ role: "user", content: "Hello, what's up?", metadata: { "my key": "a#{b}" } },],
  metadata: { team: 'qa' },
});`;
    expect(parseRequestText(code)).toEqual({ ok: true, value: body, source: "node" });
  });

  it("reads a Python SDK call with keyword arguments, True/None and a comment", () => {
    const code = `thread = client.beta.threads.create(
    messages=[{"role": "user", "content": "Hello, what's up?", "metadata": {"my key": "a#{b}"}}],  # the first turn
    metadata={"team": "qa", "flag": None},
    tool_resources={"code_interpreter": {"file_ids": []}, "x": True},
)`;
    expect(parseRequestText(code)).toEqual({
      ok: true,
      source: "python",
      value: { ...body, metadata: { team: "qa", flag: null }, tool_resources: { code_interpreter: { file_ids: [] }, x: true } },
    });
  });

  it("reads a Ruby SDK call with symbols, hash rockets and nil", () => {
    const code = `thread = openai.beta.threads.create(
  messages: [{role: :user, content: "Hello, what's up?", metadata: {"my key": "a\\#{b}"}}],
  metadata: {"team" => "qa"},
  tool_resources: nil
)`;
    const parsed = parseRequestText(code);
    expect(parsed).toEqual({
      ok: true,
      source: "ruby",
      value: { ...body, tool_resources: null },
    });
  });

  it("says where invalid JSON breaks, by line and column", () => {
    const parsed = parseRequestText('{\n  "messages": [\n    { "role": "user" "content": "x" }\n  ]\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.line).toBe(3);
    expect(parsed.message).toMatch(/^Line 3, column \d+: /);
  });

  it("asks for a body when there is none", () => {
    expect(parseRequestText("  \n ")).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
  });
});

describe("parseRequestText errors", () => {
  it("says where a bracket is wrong even when the engine's message names no position", () => {
    const parsed = parseRequestText('{"messages": [}');
    expect(parsed).toMatchObject({ ok: false, line: 1, column: 15 });
    if (!parsed.ok) expect(parsed.message).toMatch(/^Line 1, column 15: /);
  });
});
