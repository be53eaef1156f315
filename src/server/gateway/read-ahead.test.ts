import { describe, expect, it } from "vitest";
import { ReadAhead } from "./read-ahead";

const bodiless = {};

describe("ReadAhead", () => {
  const clock = { now: 1_000_000 };
  const fresh = () => new ReadAhead(40, () => clock.now);

  it("lets a bodiless GET or HEAD start early only for a key admitted in the last minute", () => {
    const ahead = fresh();
    expect(ahead.mayStart("GET", bodiless, "a")).toBe(false);
    ahead.admit("a", 39);
    expect(ahead.mayStart("GET", bodiless, "a")).toBe(true);
    expect(ahead.mayStart("HEAD", bodiless, "a")).toBe(true);
    expect(ahead.mayStart("GET", bodiless, "b")).toBe(false);
    clock.now += 59_999;
    expect(ahead.mayStart("GET", bodiless, "a")).toBe(true);
    clock.now += 1;
    expect(ahead.mayStart("GET", bodiless, "a")).toBe(false);
  });

  it("never for a write, nor for a read that carries a body", () => {
    const ahead = fresh();
    ahead.admit("a", 39);
    for (const method of ["POST", "DELETE", "PUT", "PATCH", "OPTIONS", undefined]) expect({ method, may: ahead.mayStart(method, bodiless, "a") }).toEqual({ method, may: false });
    expect(ahead.mayStart("GET", { "content-length": "2" }, "a")).toBe(false);
    expect(ahead.mayStart("GET", { "transfer-encoding": "chunked" }, "a")).toBe(false);
    expect(ahead.mayStart("GET", { "content-length": "0" }, "a")).toBe(true);
  });

  it("stops for a key with less than a tenth of its allowance left, and for one refused", () => {
    const ahead = fresh();
    ahead.admit("a", 4);
    expect(ahead.mayStart("GET", bodiless, "a")).toBe(true);
    ahead.admit("a", 3);
    expect(ahead.mayStart("GET", bodiless, "a")).toBe(false);
    ahead.admit("b", 30);
    ahead.forget("b");
    expect(ahead.mayStart("GET", bodiless, "b")).toBe(false);
  });

  it("keeps a bounded number of keys, dropping the stale and then the oldest", () => {
    const ahead = fresh();
    ahead.admit("stale", 39);
    clock.now += 60_000;
    for (let i = 0; i < 10_000; i++) ahead.admit(`k${i}`, 39);
    expect(ahead.mayStart("GET", bodiless, "stale")).toBe(false);
    ahead.admit("one-more", 39);
    expect(ahead.mayStart("GET", bodiless, "k0")).toBe(false);
    expect(ahead.mayStart("GET", bodiless, "k1")).toBe(true);
    expect(ahead.mayStart("GET", bodiless, "one-more")).toBe(true);
  });
});
