import { describe, expect, it } from "vitest";
import { normaliseCreatedAt, parseUpstreamThread, UnreadableThreadAnswerError } from "./upstream-thread";

describe("normaliseCreatedAt", () => {
  it("tells seconds from milliseconds, microseconds and nanoseconds by size", () => {
    expect(normaliseCreatedAt(1711448377)).toBe(1711448377);
    expect(normaliseCreatedAt(1711448377850)).toBe(1711448377);
    expect(normaliseCreatedAt(1711448377850123)).toBe(1711448377);
    expect(normaliseCreatedAt(1711448377850123456)).toBe(1711448377);
    // Past 2038 (a 32-bit integer's end) and far on, seconds stay seconds.
    expect(normaliseCreatedAt(2_200_000_000)).toBe(2_200_000_000);
    expect(normaliseCreatedAt(99_999_999_999)).toBe(99_999_999_999);
    expect(normaliseCreatedAt(0)).toBe(0);
  });
});

describe("parseUpstreamThread", () => {
  const now = () => Date.UTC(2026, 11, 2);

  it("keeps the text as sent and every field, known or not", () => {
    const text = '{ "created_at": "1711448377850", "id": "thread_x", "request_id": "r1", "metadata": {"n": 1, "s": "v"} }';
    const thread = parseUpstreamThread(text, 200, now);
    expect(thread).toMatchObject({ id: "thread_x", object: "thread", createdAt: 1711448377, metadata: { n: "1", s: "v" }, toolResources: null, text });
    expect(thread.body).toEqual({ created_at: "1711448377850", id: "thread_x", request_id: "r1", metadata: { n: 1, s: "v" } });
  });

  it("records a thread whose server did not say when it was created as created now", () => {
    for (const createdAt of [undefined, null, "soon", -5, true]) {
      expect(parseUpstreamThread(JSON.stringify({ id: "thread_y", created_at: createdAt }), 200, now).createdAt).toBe(now() / 1000);
    }
  });

  it("refuses, naming what is wrong, an answer without a usable id, or not JSON, or enormous", () => {
    const problem = (text: string) => {
      try {
        parseUpstreamThread(text, 201, now);
      } catch (error) {
        expect(error).toBeInstanceOf(UnreadableThreadAnswerError);
        return (error as UnreadableThreadAnswerError).failure;
      }
      throw new Error("parsed");
    };
    expect(problem("<html>")).toMatchObject({ outcome: "UNKNOWN", status: 201, message: expect.stringMatching(/not JSON/) });
    expect(problem('{"object":"thread"}').message).toMatch(/id: /);
    expect(problem('{"id":"thread/../x"}').message).toMatch(/id: Thread ids look like/);
    expect(problem(`{"id":"t","pad":"${"x".repeat(1024 * 1024)}"}`).message).toMatch(/an answer of \d+ characters/);
  });
});
