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
  const batch = emptyBatch();
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      await timed(send, batch);
    }
  };
  if (requests === 0) return batch;
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  batch.wallMs = performance.now() - started;
  return batch;
}

const emptyBatch = (): Batch => ({ latenciesMs: [], wallMs: 0, failures: 0, failureSamples: [] });

/** One request, its latency and any failure kept in `into`; resolves to its latency. */
async function timed(send: Send, into: Batch): Promise<number> {
  const started = performance.now();
  const failure = await send().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  const took = performance.now() - started;
  into.latenciesMs.push(took);
  if (failure !== null) {
    into.failures++;
    if (into.failureSamples.length < 3) into.failureSamples.push(failure);
  }
  return took;
}

/**
 * Requests one at a time, the targets taking turns request by request (`sends[first]`, then the
 * next, …, round again), `each` per target: every target meets the host in the same state. A
 * block of one target's requests, then the next's, measured each in other seconds, and a 2-core
 * VM whose hypervisor takes seconds of CPU in a minute made their gap move by more than a
 * millisecond from block to block. Latencies per target, in `sends`' order.
 */
export async function runInTurns(sends: readonly Send[], each: number, first: number): Promise<Batch[]> {
  const batches = sends.map(emptyBatch);
  for (let request = 0; request < each; request++) {
    for (let turn = 0; turn < sends.length; turn++) {
      const index = (first + turn) % sends.length;
      batches[index]!.wallMs += await timed(sends[index]!, batches[index]!);
    }
  }
  return batches;
}
