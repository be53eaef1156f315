// Reads the Attempts list over and over while the load runs, as a person keeping the page
// open would, and keeps every attempt it showed as UNKNOWN with Retry on offer. Any of those
// that ends CREATED was a Retry that could have made a second thread (reconcile.ts).
import { setTimeout as sleep } from "node:timers/promises";
import type { SpoolClient } from "./spool-client";

export type AttemptsWatch = { stop(): Promise<{ polls: number; shownUnknown: Set<string> }> };

export function watchAttempts(client: SpoolClient, everyMs: number): AttemptsWatch {
  const shownUnknown = new Set<string>();
  let polls = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const items = await client.listAttempts();
      if (items) {
        polls++;
        for (const item of items) if (item.status === "UNKNOWN" && !item.ownerMayFinish) shownUnknown.add(item.id);
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { polls, shownUnknown };
    },
  };
}
