import "server-only";

/**
 * Which pass-through reads may leave for the upstream while their key is still being checked
 * (pass-through.ts). On two cores, the key's statement and the upstream's answer, waited for one
 * after the other, put two more process wake-ups on every read; started together, the read
 * costs about 0.5 ms less (docs/BENCHMARKS.md, stop 20).
 *
 * The caller sees exactly what it would otherwise: the upstream's answer is held until the
 * database has admitted the key and drawn the call from its allowance, and a refusal (401, 429,
 * 503) replaces it unseen. What the upstream may see is one read Spool then refuses, so it is
 * allowed only where that read is harmless and rare:
 * - a `GET` or `HEAD` without a body: reads, which change nothing upstream;
 * - of a key this instance admitted in the last minute, so a key Spool never issued (anyone
 *   can invent one) never sends anything upstream;
 * - with at least a tenth of its allowance left at that admission, so a key at its limit is
 *   not read for past it.
 * A refusal forgets the key at once: after a revoke, at most the reads already in flight on
 * each instance, usually one, reach the upstream before every later one waits for the database.
 */
export class ReadAhead {
  private readonly admitted = new Map<string, number>();

  constructor(
    /** The allowance per key and minute (`SPOOL_GATEWAY_RATE_LIMIT`). */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this request may go upstream before its key's check answers. */
  mayStart(method: string | undefined, headers: { "content-length"?: string; "transfer-encoding"?: string }, allowance: string): boolean {
    if (method !== "GET" && method !== "HEAD") return false;
    if (headers["transfer-encoding"] !== undefined || Number(headers["content-length"] ?? 0) !== 0) return false;
    const at = this.admitted.get(allowance);
    return at !== undefined && this.now() - at < ADMISSION_MS;
  }

  /** The database admitted the key, leaving `callsLeft` this minute. */
  admit(allowance: string, callsLeft: number): void {
    if (callsLeft < this.perMinute / 10) {
      this.admitted.delete(allowance);
      return;
    }
    // Re-inserted, so the map stays in admission order and the oldest are dropped first.
    this.admitted.delete(allowance);
    this.admitted.set(allowance, this.now());
    if (this.admitted.size > MAX_KEYS) this.dropStale();
  }

  /** The key was refused (unknown, revoked, over its allowance) or its check failed. */
  forget(allowance: string): void {
    this.admitted.delete(allowance);
  }

  private dropStale(): void {
    const oldest = this.now() - ADMISSION_MS;
    for (const [allowance, at] of this.admitted) {
      if (at >= oldest && this.admitted.size <= MAX_KEYS) break;
      this.admitted.delete(allowance);
    }
  }
}

/** How long an admission lets reads start early. */
const ADMISSION_MS = 60_000;
/** Keys are issued by a team to its services: a few hundred at most. The bound keeps memory fixed whatever callers send. */
const MAX_KEYS = 10_000;
