import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readAtMost, withoutUpstreamKey } from "./upstream-forward";

describe("withoutUpstreamKey", () => {
  const key = "sk-upstream-0123456789";
  const masked = (text: string) => withoutUpstreamKey(Buffer.from(text), key).toString();

  it("masks every occurrence, at either end and side by side", () => {
    expect(masked(`${key} and ${key}${key}.`)).toBe("[redacted] and [redacted][redacted].");
    expect(masked(`"${key}"`)).toBe('"[redacted]"');
  });

  it("leaves a body without the key, or with only part of it, as it was", () => {
    const body = Buffer.from(`{"message":"bad key sk-upstream-0123"}`);
    expect(withoutUpstreamKey(body, key)).toBe(body);
    expect(withoutUpstreamKey(Buffer.from(key), "")).toEqual(Buffer.from(key));
  });
});

describe("readAtMost", () => {
  it("reads a stream whole, or answers null once it passes the bound", async () => {
    expect((await readAtMost(Readable.from([Buffer.from("ab"), Buffer.from("cd")]), 4))?.toString()).toBe("abcd");
    expect(await readAtMost(Readable.from([Buffer.from("ab"), Buffer.from("cde")]), 4)).toBeNull();
  });
});
