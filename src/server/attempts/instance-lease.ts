import "server-only";
import { randomInt } from "node:crypto";
import type { Database } from "~/server/prisma";

/** How often a process renews its lease. */
export const LEASE_RENEW_MS = 2_000;
/** A lease not renewed for this long has expired: its process may be dead, or only cut off. */
export const LEASE_TTL_MS = 10_000;

type Lease = {
  id: number;
  upstreamTimeoutMs: number;
  /** `performance.now()` of the last renewal the database confirmed. */
  renewedAt: number | null;
  timer: NodeJS.Timeout | null;
  renewing: boolean;
  /** Attempts this process is working on right now (claimed, not yet finally written). */
  inFlight: Set<string>;
};

// On globalThis: instrumentation and route handlers are separate bundles in one process.
const globalForLease = globalThis as unknown as { spoolLease?: Lease };

function lease(): Lease {
  globalForLease.spoolLease ??= {
    id: randomInt(1, 2 ** 31 - 1),
    upstreamTimeoutMs: 0,
    renewedAt: null,
    timer: null,
    renewing: false,
    inFlight: new Set(),
  };
  return globalForLease.spoolLease;
}

/** This process's id, written on every attempt it makes (`create_attempts.owner`). */
export function instanceId(): number {
  return lease().id;
}

/**
 * Writes this process's lease row and renews it every LEASE_RENEW_MS for as long as the process
 * lives. Times are the database's (`now()`), so instances with skewed clocks agree. A renewal
 * that fails (the database restarting, connections cut) is simply tried again on the next
 * tick: other instances judge this one by how long its lease has gone unrenewed, never by one
 * instant. Resolves once the first renewal succeeded or failed.
 */
export async function startLease(db: Database, options: { upstreamTimeoutMs: number; log: (line: string) => void }): Promise<void> {
  const state = lease();
  if (state.timer) return;
  state.upstreamTimeoutMs = options.upstreamTimeoutMs;
  let failing = false;
  const tick = async () => {
    if (state.renewing) return;
    state.renewing = true;
    try {
      await renewLease(db, state.id, options.upstreamTimeoutMs);
      state.renewedAt = performance.now();
      if (failing) options.log("lease renewed again after database trouble");
      failing = false;
    } catch (error) {
      if (!failing) options.log(`could not renew this instance's lease (retrying every ${LEASE_RENEW_MS / 1000}s): ${(error as Error).message}`);
      failing = true;
    } finally {
      state.renewing = false;
    }
  };
  state.timer = setInterval(() => void tick(), LEASE_RENEW_MS);
  state.timer.unref();
  await tick();
}

/** The upsert behind every renewal; `alive_since` restarts when a renewal follows an expiry. */
export async function renewLease(db: Database, id: number, upstreamTimeoutMs: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "instance_leases" ("id", "heartbeat_at", "alive_since", "started_at", "upstream_timeout_ms")
    VALUES (${id}, now(), now(), now(), ${upstreamTimeoutMs})
    ON CONFLICT ("id") DO UPDATE SET
      "heartbeat_at" = now(),
      "upstream_timeout_ms" = EXCLUDED."upstream_timeout_ms",
      "alive_since" = CASE
        WHEN "instance_leases"."heartbeat_at" < now() - make_interval(secs => ${LEASE_TTL_MS / 1000})
        THEN now() ELSE "instance_leases"."alive_since" END`;
}

/** True while the last confirmed renewal is younger than the lease's lifetime (for /api/ready). */
export function leaseHeld(): boolean {
  const { renewedAt } = lease();
  return renewedAt !== null && performance.now() - renewedAt < LEASE_TTL_MS;
}

/** For tests: stops renewing, as a process that dies does (the row stays, and expires). */
export function stopLease(): void {
  const state = lease();
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  state.renewedAt = null;
}

/**
 * Marks an attempt as being worked on by this process until `work` settles, so this
 * process's own sweep (sweep-attempts.ts) leaves it alone.
 */
export async function whileInFlight<T>(attemptId: string, work: () => Promise<T>): Promise<T> {
  const { inFlight } = lease();
  inFlight.add(attemptId);
  try {
    return await work();
  } finally {
    inFlight.delete(attemptId);
  }
}

export function attemptsInFlight(): string[] {
  return [...lease().inFlight];
}
