import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { checkedSuperjson, MAX_INPUT_VALUES } from "./checked-superjson";

const deserialize = (body: string) => checkedSuperjson.input.deserialize(JSON.parse(body));

function refusal(body: string): { message: string; paths: string[] } {
  try {
    deserialize(body);
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    const { message, cause } = error as TRPCError;
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    return { message, paths: cause instanceof ZodError ? cause.issues.map((issue) => formatIssuePath(issue.path)) : [] };
  }
  throw new Error("expected a refusal");
}

describe("checkedSuperjson", () => {
  it("reads what the Spool client sends, undefined fields and shared objects included", () => {
    const shared = { team: "qa" };
    const input = { limit: 25, cursor: undefined, request: { messages: [{ metadata: shared }, { metadata: shared }] } };
    const wire = JSON.stringify(superjson.serialize(input));
    expect(wire).toContain("referentialEqualities");
    expect(checkedSuperjson.input.deserialize(JSON.parse(wire))).toEqual(input);
  });

  it("refuses a __proto__ key before superjson's copy would make it the prototype, naming where", () => {
    const answer = refusal('{"json":{"request":{"metadata":{"a":"b","__proto__":{"polluted":true}}}}}');
    expect(answer.paths).toEqual(["request.metadata.__proto__"]);
    expect(answer.message).toMatch(/"__proto__" is reserved/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses meta that names prototype paths, unknown types or the wrong shape, with one sentence", () => {
    for (const meta of [
      { referentialEqualities: { request: ["__proto__"] } },
      { values: { "constructor.prototype.polluted": ["set"] } },
      { values: { request: ["class", "Foo"] } },
      { values: { __proto__x: ["custom", "x"] } },
      5,
      [],
    ]) {
      expect(refusal(JSON.stringify({ json: { request: {} }, meta })).message).toMatch(/superjson "meta" does not describe its "json"/);
    }
  });

  it("refuses references that make the input circular or vastly larger than its body", () => {
    expect(refusal('{"json":{"a":{"b":1}},"meta":{"referentialEqualities":{"a":["a.b"]}}}').message).toMatch(/refers to itself/);
    // Each level's two items point at the next level: 2^40 values from a body of a few kilobytes.
    const levels = 40;
    const json = Object.fromEntries(Array.from({ length: levels }, (_, i) => [`l${i}`, [0, 0]]));
    const referentialEqualities = Object.fromEntries(Array.from({ length: levels - 1 }, (_, i) => [`l${i + 1}`, [`l${i}.0`, `l${i}.1`]]));
    const answer = refusal(JSON.stringify({ json, meta: { referentialEqualities } }));
    expect(answer.message).toMatch(/repeats one value too many times/);
    expect(2 ** levels).toBeGreaterThan(MAX_INPUT_VALUES);
  });

  it("refuses an input that is not superjson's envelope", () => {
    for (const body of ["5", "null", '"x"', "[1]"]) expect(refusal(body).message).toMatch(/superjson's envelope/);
  });
});
