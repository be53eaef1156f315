// A closed-loop load: `concurrency` workers each send their next request as soon as the last
// is answered, until `requests` have been sent. Latency is timed per request, throughput over
// the wall time of the whole batch.
import { performance } from "node:perf_hooks";

export type Batch = {
  latenciesMs: number[];
  wallMs: number;
  /** Requests whose answer was not a success, with the first few reasons. */
  failures: number;
  failureSamples: string[];
};

/** One request; resolves to null on success or a short reason on failure. Never throws. */
export type Send = () => Promise<string | null>;

export async function runBatch(send: Send, requests: number, concurrency: number): Promise<Batch> {
  const latenciesMs: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const started = performance.now();
      const failure = await send().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      latenciesMs.push(performance.now() - started);
      if (failure !== null) {
        failures++;
        if (failureSamples.length < 3) failureSamples.push(failure);
      }
    }
  };
  if (requests === 0) return { latenciesMs, wallMs: 0, failures, failureSamples };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  return { latenciesMs, wallMs: performance.now() - started, failures, failureSamples };
}
