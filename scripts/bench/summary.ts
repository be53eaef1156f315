// The numbers a bench reports: nearest-rank percentiles of latencies and a throughput.

/** Nearest-rank percentile of `sorted` (ascending), `p` in (0, 1]: a value that was measured. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("No samples to take a percentile of");
  if (!(p > 0 && p <= 1)) throw new Error(`Percentile must be in (0, 1], got ${p}`);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export type Summary = {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Requests answered per second of wall time (0 when no time passed or none was given). */
  perSecond: number;
};

/** Latencies in ms of every request, and the wall time (ms) those requests took together. */
export function summarize(latenciesMs: readonly number[], wallMs = 0): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1)!,
    perSecond: wallMs > 0 ? (sorted.length * 1000) / wallMs : 0,
  };
}
