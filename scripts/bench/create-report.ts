// The Markdown `npm run bench:create` prints: one row per target, then the issues'
// comparisons (Spool and its gateway against the bare Next.js handler, the gateway's
// pass-through against the upstream), each marked met or not met.
import type { Summary } from "./summary";

export type TargetResult = {
  key: string;
  name: string;
  /** Latency of requests sent one at a time. */
  latency: Summary;
  /** Requests answered per second at the run's concurrency. */
  perSecond: number;
  failures: number;
  perRound: number[];
};

export type Comparison = {
  name: string;
  /** The figure, from the targets' results by key; null when a target it needs is absent. */
  value(results: ReadonlyMap<string, TargetResult>): number | null;
  format(value: number): string;
  goal: string;
  /** Whether the figure meets its goal; absent for a figure shown for reference, with no goal. */
  met?(value: number): boolean;
};

/** `target`'s throughput as a share of `base`'s. */
function throughputRatio(target: string, base: string, label: string): Comparison {
  return {
    name: `${label} ÷ bare Next.js handler, requests/s`,
    value: (results) => {
      const [a, b] = [results.get(target), results.get(base)];
      return a && b && b.perSecond > 0 ? a.perSecond / b.perSecond : null;
    },
    format: (value) => `${value.toFixed(2)}×`,
    goal: "≥ 0.5×",
    met: (value) => value >= 0.5,
  };
}

/** How much longer one caller waits at `target` than at `base` (p50, one request at a time); with no limit, for reference. */
function p50Gap(target: string, base: string, name: string, limitMs?: number): Comparison {
  return {
    name,
    value: (results) => {
      const [a, b] = [results.get(target), results.get(base)];
      return a && b ? a.latency.p50 - b.latency.p50 : null;
    },
    format: (value) => `${value.toFixed(1)} ms`,
    goal: limitMs === undefined ? "none" : `≤ ${limitMs} ms`,
    ...(limitMs === undefined ? {} : { met: (value: number) => value <= limitMs }),
  };
}

/**
 * Issue 8's targets on this machine (≥ 0.5× the bare handler's throughput, p50 within 6 ms),
 * issue 10's for a create through the gateway (the same bounds) and for an unrecorded
 * pass-through (p50 within 2 ms of calling the upstream directly).
 */
export const COMPARISONS: Comparison[] = [
  throughputRatio("spool", "bare-next", "Spool `threads.create`"),
  p50Gap("spool", "bare-next", "Spool `threads.create` p50 − bare Next.js handler p50", 6),
  throughputRatio("gateway", "bare-next", "gateway `POST /v1/threads`"),
  p50Gap("gateway", "bare-next", "gateway `POST /v1/threads` p50 − bare Next.js handler p50", 6),
  p50Gap("gateway-get", "upstream-get", "gateway `GET /v1/threads/{id}` p50 − upstream `GET` p50", 2),
  // What the extra hop alone costs on this host: the floor under the gap above.
  p50Gap("forwarder-get", "upstream-get", "bare Node forwarder `GET /threads/{id}` p50 − upstream `GET` p50", undefined),
];

export function createReport(options: { heading: string; results: TargetResult[] }): string {
  const byKey = new Map(options.results.map((result) => [result.key, result]));
  const ms = (value: number) => value.toFixed(1);
  const rate = (value: number) => Math.round(value).toLocaleString("en");
  const rounds = options.results[0]?.perRound.length ?? 0;
  return [
    options.heading,
    "",
    "| target | p50 ms | p95 ms | p99 ms | requests/s at concurrency | failed |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...options.results.map(
      ({ name, latency, perSecond, failures }) =>
        `| ${name} | ${ms(latency.p50)} | ${ms(latency.p95)} | ${ms(latency.p99)} | ${rate(perSecond)} | ${failures} |`,
    ),
    "",
    "| comparison | value | target | |",
    "| --- | ---: | --- | --- |",
    ...COMPARISONS.map((comparison) => {
      const value = comparison.value(byKey);
      if (value === null) return `| ${comparison.name} | — | ${comparison.goal} | not measured |`;
      const verdict = !comparison.met ? "for reference" : comparison.met(value) ? "✅ met" : "❌ not met";
      return `| ${comparison.name} | ${comparison.format(value)} | ${comparison.goal} | ${verdict} |`;
    }),
    "",
    `Latency is of requests sent one at a time; requests/s of those sent at the run's concurrency.`,
    "",
    `Requests/s per round (${rounds} rounds, targets in turn, the starting target rotating each round):`,
    "",
    `| target | ${Array.from({ length: rounds }, (_, i) => `round ${i + 1}`).join(" | ")} |`,
    `| --- |${" ---: |".repeat(rounds)}`,
    ...options.results.map(({ name, perRound }) => `| ${name} | ${perRound.map(rate).join(" | ")} |`),
  ].join("\n");
}
