import { describe, expect, it } from "vitest";
import { MAX_AHEAD, ReadAhead } from "./read-ahead";

const clock = { now: 1_000_000 };
/** 40 a minute: a tenth is 4. */
const fresh = () => new ReadAhead(40, () => clock.now);
/** A check that admitted the key, leaving `callsLeft`. */
const admit = (ahead: ReadAhead, allowance: string, callsLeft: number) => ahead.begin("POST", {}, allowance).settle(callsLeft);
/** Whether a request may start ahead now (its check then answered with nothing drawn, so nothing stays in flight). */
const may = (ahead: ReadAhead, allowance: string, method: string | undefined, headers = {}) => {
  const check = ahead.begin(method, headers, allowance);
  check.settle(undefined);
  return check.ahead;
};

describe("ReadAhead", () => {
  it("lets a bodiless GET or HEAD start early only for a key admitted in the last minute", () => {
    const ahead = fresh();
    expect(may(ahead, "a", "GET")).toBe(false);
    admit(ahead, "a", 39);
    expect(may(ahead, "a", "GET")).toBe(true);
    expect(may(ahead, "a", "HEAD")).toBe(true);
    expect(may(ahead, "b", "GET")).toBe(false);
    clock.now += 59_999;
    expect(may(ahead, "a", "GET")).toBe(true);
    clock.now += 1;
    expect(may(ahead, "a", "GET")).toBe(false);
  });

  it("never for a write, nor for a read that carries a body", () => {
    const ahead = fresh();
    admit(ahead, "a", 39);
    for (const method of ["POST", "DELETE", "PUT", "PATCH", "OPTIONS", undefined]) expect({ method, may: may(ahead, "a", method) }).toEqual({ method, may: false });
    expect(may(ahead, "a", "GET", { "content-length": "2" })).toBe(false);
    expect(may(ahead, "a", "GET", { "transfer-encoding": "chunked" })).toBe(false);
    expect(may(ahead, "a", "GET", { "content-length": "0" })).toBe(true);
  });

  it(`keeps at most ${MAX_AHEAD} of a key's reads in flight, and no more than its allowance has left above a tenth`, () => {
    const ahead = fresh();
    admit(ahead, "a", 39);
    const inFlight = Array.from({ length: MAX_AHEAD }, () => ahead.begin("GET", {}, "a"));
    expect(inFlight.map((check) => check.ahead)).toEqual(inFlight.map(() => true));
    expect(may(ahead, "a", "GET")).toBe(false);
    inFlight[0]!.settle(38);
    expect(may(ahead, "a", "GET")).toBe(true);

    admit(ahead, "b", 6);
    const [first, second, third] = [ahead.begin("GET", {}, "b"), ahead.begin("GET", {}, "b"), ahead.begin("GET", {}, "b")];
    expect([first.ahead, second.ahead, third.ahead]).toEqual([true, true, false]);
    // A tenth (4) or less left: nothing ahead until an admission leaves more.
    admit(ahead, "c", 4);
    expect(may(ahead, "c", "GET")).toBe(false);
    admit(ahead, "c", 5);
    expect(may(ahead, "c", "GET")).toBe(true);
  });

  it("closes a key at its refusal; an admission answered for a check sent before it cannot reopen it, a later one can", () => {
    const ahead = fresh();
    admit(ahead, "a", 39);
    const before = ahead.begin("GET", {}, "a");
    const refused = ahead.begin("GET", {}, "a");
    refused.settle(null);
    expect(may(ahead, "a", "GET")).toBe(false);
    before.settle(37);
    expect(may(ahead, "a", "GET")).toBe(false);
    admit(ahead, "a", 36);
    expect(may(ahead, "a", "GET")).toBe(true);
    // A failed check closes it too; a refusal for a key never admitted leaves nothing behind.
    ahead.begin("GET", {}, "a").settle(null);
    expect(may(ahead, "a", "GET")).toBe(false);
    ahead.begin("GET", {}, "never").settle(null);
    admit(ahead, "never", 39);
    expect(may(ahead, "never", "GET")).toBe(true);
  });

  it("keeps a bounded number of keys, dropping the stale first, then the oldest", () => {
    const ahead = fresh();
    admit(ahead, "stale", 39);
    clock.now += 60_001;
    for (let i = 0; i < 10_000; i++) admit(ahead, `k${i}`, 39);
    // Over the bound by one: the stale key went, not the oldest fresh one.
    expect(may(ahead, "k0", "GET")).toBe(true);
    admit(ahead, "one-more", 39);
    expect(may(ahead, "k0", "GET")).toBe(false);
    expect(may(ahead, "k1", "GET")).toBe(true);
    expect(may(ahead, "one-more", "GET")).toBe(true);
  });
});
