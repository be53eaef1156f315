import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./summary";

describe("percentile", () => {
  it("takes the nearest rank, so every figure is a measured value", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it("refuses an empty list and a percentile outside (0, 1]", () => {
    expect(() => percentile([], 0.5)).toThrow(/No samples/);
    expect(() => percentile([1], 0)).toThrow(/\(0, 1\]/);
    expect(() => percentile([1], 1.5)).toThrow(/\(0, 1\]/);
  });
});

describe("summarize", () => {
  it("sorts the latencies itself and counts throughput over the wall time", () => {
    const summary = summarize([5, 1, 4, 2, 3], 2_000);
    expect(summary).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5, perSecond: 2.5 });
  });

  it("leaves the caller's list as it was", () => {
    const latencies = [3, 1, 2];
    summarize(latencies, 1_000);
    expect(latencies).toEqual([3, 1, 2]);
  });

  it("reports no throughput when no time passed", () => {
    expect(summarize([1], 0).perSecond).toBe(0);
  });
});
