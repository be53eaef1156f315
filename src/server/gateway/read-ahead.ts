import "server-only";

/**
 * Which pass-through reads may leave for the upstream while their key is still being checked
 * (pass-through.ts). On two cores, the key's statement and the upstream's answer, waited for one
 * after the other, put two more process wake-ups on every read; started together, a read
 * costs 0.4–0.6 ms less at p50 (docs/BENCHMARKS.md, stop 20).
 *
 * The caller sees exactly what it would otherwise: the upstream's answer is held until the
 * database has admitted the key and drawn the call from its allowance, and a refusal (401, 429,
 * 503) is answered at once, the upstream request cut. What the upstream may see is a read Spool
 * then refuses, so reads start ahead only where that is harmless and bounded:
 * - a `GET` or `HEAD` without a body: reads, which change nothing upstream;
 * - of a key this instance admitted in the last minute, so a key Spool never issued (anyone
 *   can invent one) never sends anything upstream before the database has seen it;
 * - at most MAX_AHEAD of a key's reads in flight at once on an instance, and never more than
 *   its last admission left above a tenth of its allowance: a burst, or a database that is
 *   slow to answer, cannot take a key past its allowance by more than that.
 * A refusal closes the key at once, and an admission answered for a check sent before that
 * refusal cannot reopen it: after a revoke, at most the reads already in flight on each
 * instance reach the upstream, and every later one waits for the database.
 */
export class ReadAhead {
  private readonly keys = new Map<string, Admission>();
  /** Numbers the checks in the order they were sent. */
  private sent = 0;

  constructor(
    /** The allowance per key and minute (`SPOOL_GATEWAY_RATE_LIMIT`). */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A key's check is being sent for this request: whether the request may go upstream now
   * (`ahead`), and what to call with the check's outcome once it answers: the calls the key's
   * allowance has left, null for a refusal or a failed check, undefined for a check that drew
   * nothing.
   */
  begin(method: string | undefined, headers: BodyHeaders, allowance: string): { ahead: boolean; settle(callsLeft: number | null | undefined): void } {
    const number = ++this.sent;
    const admission = this.keys.get(allowance);
    const ahead =
      admission !== undefined && isBodilessRead(method, headers) && this.now() - admission.at < ADMISSION_MS && admission.inFlight < admission.room;
    if (ahead) admission.inFlight++;
    let settled = false;
    return {
      ahead,
      settle: (callsLeft) => {
        if (settled) return;
        settled = true;
        this.settle(allowance, number, ahead, callsLeft);
      },
    };
  }

  private settle(allowance: string, number: number, ahead: boolean, callsLeft: number | null | undefined): void {
    const admission = this.keys.get(allowance);
    if (admission && ahead) admission.inFlight = Math.max(0, admission.inFlight - 1);
    if (callsLeft === undefined) return;
    if (callsLeft === null) {
      // Closed, not deleted: it remembers which checks were sent before this refusal.
      if (admission) Object.assign(admission, { room: 0, closedAfter: this.sent });
      return;
    }
    if (admission && number <= admission.closedAfter) return;
    const room = Math.min(MAX_AHEAD, callsLeft - Math.ceil(this.perMinute / 10));
    if (room <= 0 && !admission) return;
    // Re-inserted, so the map stays in admission order and the oldest are dropped first.
    this.keys.delete(allowance);
    this.keys.set(allowance, { at: this.now(), room: Math.max(0, room), inFlight: admission?.inFlight ?? 0, closedAfter: admission?.closedAfter ?? 0 });
    if (this.keys.size > MAX_KEYS) this.dropStale();
  }

  private dropStale(): void {
    const oldest = this.now() - ADMISSION_MS;
    for (const [allowance, admission] of this.keys) {
      if (admission.at >= oldest && this.keys.size <= MAX_KEYS) break;
      this.keys.delete(allowance);
    }
  }
}

type BodyHeaders = { "content-length"?: string; "transfer-encoding"?: string };

type Admission = {
  /** When the database last admitted the key. */
  at: number;
  /** How many of its reads may be in flight ahead of their checks. */
  room: number;
  inFlight: number;
  /** The last check sent before the key was last refused: its answer, and older ones', cannot reopen it. */
  closedAfter: number;
};

function isBodilessRead(method: string | undefined, headers: BodyHeaders): boolean {
  return (method === "GET" || method === "HEAD") && headers["transfer-encoding"] === undefined && Number(headers["content-length"] ?? 0) === 0;
}

/** How long an admission lets reads start early. */
const ADMISSION_MS = 60_000;
/** A key's reads in flight ahead of their checks, per instance. */
export const MAX_AHEAD = 4;
/** Keys are issued by a team to its services: a few hundred at most. The bound keeps memory fixed whatever callers send. */
const MAX_KEYS = 10_000;
