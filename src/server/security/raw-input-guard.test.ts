import { describe, expect, it } from "vitest";
import { MAX_INPUT_DEPTH, rawInputProblem } from "./raw-input-guard";

describe("rawInputProblem", () => {
  it("accepts ordinary input, emoji included", () => {
    expect(rawInputProblem({ request: { messages: [{ role: "user", content: "hi 👋" }], metadata: { team: "qa" } } })).toBeNull();
  });

  it("refuses prototype keys wherever they are, naming the place", () => {
    expect(rawInputProblem(JSON.parse('{"request":{"metadata":{"__proto__":"x"}}}'))).toBe(
      '"__proto__" is not accepted as a field or metadata key (at request.metadata).',
    );
    expect(rawInputProblem({ request: { metadata: { constructor: "x" } } })).toMatch(/"constructor"/);
    expect(rawInputProblem({ a: [{ prototype: 1 }] })).toMatch(/"prototype".*a\[0\]/);
  });

  it("refuses text PostgreSQL cannot store: NUL and unpaired surrogates", () => {
    expect(rawInputProblem({ content: "a\u0000b" })).toMatch(/NUL.*\(at content\)/);
    expect(rawInputProblem({ content: "\ud800" })).toMatch(/surrogates/);
    expect(rawInputProblem({ content: "x\udc00" })).toMatch(/surrogates/);
    expect(rawInputProblem({ "k\u0000": "v" })).toMatch(/Keys/);
  });

  it("refuses nesting deeper than the limit without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(rawInputProblem(deep)).toMatch(new RegExp(`more than ${MAX_INPUT_DEPTH} levels`));
  });
});
