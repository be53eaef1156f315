// The answer encoding must be superjson's: clients decode with superjson. The same `json`
// byte for byte, and the same annotations (their order in `meta.values` can differ where
// superjson's nested merging puts an integer-like key first; decoding does not depend on it).
import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { encodeAnswer, plainJsonAnswer } from "./answer-encoding";

const sameAsSuperjson = (value: unknown) => {
  const ours = encodeAnswer(value);
  const theirs = superjson.serialize(value);
  expect(JSON.stringify(ours.json)).toBe(JSON.stringify(theirs.json));
  expect(ours.meta).toEqual(theirs.meta);
  const decode = (encoded: unknown) => superjson.deserialize(JSON.parse(JSON.stringify(encoded)) as never);
  expect(decode(ours)).toEqual(decode(theirs));
};

// Keys as metadata can have them: dots and backslashes are escaped in superjson's paths.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a.b", "a\\.b", "\\", "..", "0", "10", "ünï"));
const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
);
const answer = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 5 }),
  object: fc
    .array(fc.tuple(key, tie("node")), { maxLength: 5 })
    .map((entries) => Object.fromEntries(entries.filter(([name]) => !["__proto__", "constructor", "prototype"].includes(name)))),
})).node;

describe("encodeAnswer", () => {
  it("equals superjson's output for any tree of JSON values, Dates, bigints and undefined", () => {
    fc.assert(fc.property(fc.oneof(fc.array(answer), fc.dictionary(key, answer)), sameAsSuperjson), { numRuns: 2_000 });
  });

  it("equals it for a thread list page and a thread as Spool answers them", () => {
    const at = new Date("2026-12-02T08:00:00.000Z");
    const row = (i: number) => ({
      id: `thread_${i}`,
      createdAt: 1_790_000_000 + i,
      recordedAt: new Date(at.getTime() + i),
      metadata: { team: "support", "a.b": "dotted", "back\\slash": "x" },
      createdBy: i % 2 ? null : "grace@example.com",
      deletedAt: i === 3 ? new Date(at.getTime() + 9) : null,
      messageCount: i,
      preview: "Hello",
      lastActivityAt: null,
    });
    sameAsSuperjson({ items: Array.from({ length: 25 }, (_, i) => row(i)), nextCursor: "abc" });
    sameAsSuperjson({ ...row(1), messages: [{ position: 0, role: "user", content: "hi", attachments: undefined }], events: [{ id: 101n, at, detail: null }] });
  });

  it("hands superjson what it does not walk itself, so the output is still superjson's", () => {
    const shared = { a: 1 };
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    const date = new Date(0);
    for (const value of [
      { shared, again: shared },
      { when: date, again: date },
      { map: new Map([["k", 1]]), set: new Set([1]) },
      { n: Number.NaN, inf: Number.POSITIVE_INFINITY, zero: -0 },
      { bad: new Date(Number.NaN) },
      { pattern: /x/g },
      circular,
      [1, , 3],
      new Date(0),
      "just a string",
      42n,
    ]) {
      sameAsSuperjson(value);
    }
  });

  it("refuses a prototype-polluting key as superjson does", () => {
    const value = JSON.parse('{"metadata":{"__proto__":{"x":1}}}') as unknown;
    expect(() => superjson.serialize(value)).toThrow(/prototype pollution/);
    expect(() => encodeAnswer(value)).toThrow(/prototype pollution/);
  });

  it("sends an answer marked as plain JSON as it is, which superjson's decoder returns unchanged", () => {
    // Keys superjson would escape in a path or refuse (an upstream's metadata can hold them).
    const text = '{"items":[{"id":"thread_1","recordedAt":"2026-12-02T08:00:00.000Z","metadata":{"a.b":"dotted","__proto__":"a key"},"deletedAt":null}],"nextCursor":null}';
    const marked = plainJsonAnswer(JSON.parse(text) as { items: { metadata: Record<string, string> }[] });
    const encoded = encodeAnswer(marked);
    expect(encoded).toEqual({ json: marked });
    expect(JSON.stringify(encoded.json)).toBe(text);
    const decoded = superjson.deserialize<typeof marked>(JSON.parse(JSON.stringify(encoded)));
    // The client's decoder keeps every value but that key, and lets it touch no prototype.
    expect(decoded).toEqual({ ...marked, items: [{ ...marked.items[0], metadata: { "a.b": "dotted" } }] });
    expect(Object.getPrototypeOf(decoded.items[0]!.metadata)).toBe(Object.prototype);
    // Unmarked, the same answer is walked, and refused for that key as superjson refuses it.
    expect(() => encodeAnswer(JSON.parse(text))).toThrow(/prototype pollution/);
    // The type refuses what JSON cannot hold, and so does the value outside production.
    // @ts-expect-error a Date is not JSON: superjson would have to annotate it
    expect(() => plainJsonAnswer({ at: new Date(0) })).toThrow("answer.at is not a JSON value (a Date)");
    // @ts-expect-error neither is undefined
    expect(() => plainJsonAnswer({ list: [1, undefined] })).toThrow("answer.list[1] is not a JSON value (undefined)");
    expect(() => plainJsonAnswer({ n: Number.NaN })).toThrow("answer.n is not a JSON value (NaN)");
  });

  it("round-trips through superjson's decoder", () => {
    const value = { at: new Date(5), n: 7n, nothing: undefined, list: [new Date(6), undefined, { deep: 1n }] };
    expect(superjson.deserialize(JSON.parse(JSON.stringify(encodeAnswer(value))))).toEqual(value);
  });
});
