// The Markdown `npm run bench:create` prints: one row per target, then the two
// comparisons of Spool against the bare Next.js handler, each marked met or not met.
import type { Summary } from "./summary";

export type TargetResult = { key: string; name: string; summary: Summary; failures: number; perRound: number[] };

export type Comparison = {
  name: string;
  /** The figure, from the targets' results by key; null when a target it needs is absent. */
  value(results: ReadonlyMap<string, TargetResult>): number | null;
  format(value: number): string;
  goal: string;
  met(value: number): boolean;
};

const of = (results: ReadonlyMap<string, TargetResult>, key: string) => results.get(key)?.summary;

/** Issue 8's targets on this machine: ≥ 0.5× the bare handler's throughput, p50 within 6 ms. */
export const COMPARISONS: Comparison[] = [
  {
    name: "Spool creates/s ÷ bare Next.js handler creates/s",
    value: (results) => {
      const spool = of(results, "spool");
      const bare = of(results, "bare-next");
      return spool && bare && bare.perSecond > 0 ? spool.perSecond / bare.perSecond : null;
    },
    format: (value) => `${value.toFixed(2)}×`,
    goal: "≥ 0.5×",
    met: (value) => value >= 0.5,
  },
  {
    name: "Spool p50 − bare Next.js handler p50",
    value: (results) => {
      const spool = of(results, "spool");
      const bare = of(results, "bare-next");
      return spool && bare ? spool.p50 - bare.p50 : null;
    },
    format: (value) => `${value.toFixed(1)} ms`,
    goal: "≤ 6 ms",
    met: (value) => value <= 6,
  },
  // Issue 10: a create through the /v1 gateway within the same bounds as `threads.create`.
  {
    name: "gateway creates/s ÷ bare Next.js handler creates/s",
    value: (results) => {
      const gateway = of(results, "gateway");
      const bare = of(results, "bare-next");
      return gateway && bare && bare.perSecond > 0 ? gateway.perSecond / bare.perSecond : null;
    },
    format: (value) => `${value.toFixed(2)}×`,
    goal: "≥ 0.5×",
    met: (value) => value >= 0.5,
  },
  {
    name: "gateway p50 − bare Next.js handler p50",
    value: (results) => {
      const gateway = of(results, "gateway");
      const bare = of(results, "bare-next");
      return gateway && bare ? gateway.p50 - bare.p50 : null;
    },
    format: (value) => `${value.toFixed(1)} ms`,
    goal: "≤ 6 ms",
    met: (value) => value <= 6,
  },
];

export function createReport(options: { heading: string; results: TargetResult[] }): string {
  const byKey = new Map(options.results.map((result) => [result.key, result]));
  const ms = (value: number) => value.toFixed(1);
  const rate = (value: number) => Math.round(value).toLocaleString("en");
  const rounds = options.results[0]?.perRound.length ?? 0;
  return [
    options.heading,
    "",
    "| target | p50 ms | p95 ms | p99 ms | creates/s | failed |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...options.results.map(
      ({ name, summary, failures }) =>
        `| ${name} | ${ms(summary.p50)} | ${ms(summary.p95)} | ${ms(summary.p99)} | ${rate(summary.perSecond)} | ${failures} |`,
    ),
    "",
    "| comparison | value | target | |",
    "| --- | ---: | --- | --- |",
    ...COMPARISONS.map((comparison) => {
      const value = comparison.value(byKey);
      if (value === null) return `| ${comparison.name} | — | ${comparison.goal} | not measured |`;
      return `| ${comparison.name} | ${comparison.format(value)} | ${comparison.goal} | ${comparison.met(value) ? "✅ met" : "❌ not met"} |`;
    }),
    "",
    `Creates/s per round (${rounds} rounds, targets in turn, the starting target rotating each round):`,
    "",
    `| target | ${Array.from({ length: rounds }, (_, i) => `round ${i + 1}`).join(" | ")} |`,
    `| --- |${" ---: |".repeat(rounds)}`,
    ...options.results.map(({ name, perRound }) => `| ${name} | ${perRound.map(rate).join(" | ")} |`),
  ].join("\n");
}
