// Compares the emulator's ledger (every thread that really exists upstream) with what Spool
// recorded and with what Spool answered, and counts everything the run must prove.
import type { LedgerEntry } from "../../src/emulator/server";
import type { DatabaseRecord } from "./database-record";
import { nonceOf } from "./emulator-control";
import type { CreateOutcome } from "./load-driver";

export type Tally = {
  creates: number;
  trpcCreates: number;
  gatewayCreates: number;
  gatewayTries: number;
  gatewaySdkRetries: number;
  gatewayRetry409s: number;
  httpTries: number;
  ledgerThreads: number;
  recordedCreated: number;
  ledgerRecorded: number;
  ledgerAccountedByUnknown: number;
  attemptsUnknown: number;
  attemptsSwept: number;
  doubleSubmits: number;
  restartTransport: number;
  restart503: number;
  attemptsFailed: number;
  answeredCreated: number;
  answeredUpstreamFailure: number;
  answeredConflict: number;
  refusedClientSide: number;
  gaveUp: number;
  attemptsShownUnknown: number;
  // Each of these must be 0.
  pending: number;
  ledgerUnaccounted: number;
  duplicates: number;
  phantoms: number;
  attemptsMissing: number;
  spool500s: number;
  invalidNotRefused: number;
  invalidStored: number;
  unknownThenCreated: number;
};

/** What the run saw on the Attempts list while it ran (attempts-watch.ts). */
export type Watched = { shownUnknown: ReadonlySet<string> };

export type Reconciliation = { tally: Tally; violations: string[] };

export function reconcile(
  outcomes: CreateOutcome[],
  ledger: LedgerEntry[],
  record: DatabaseRecord,
  watched: Watched = { shownUnknown: new Set() },
): Reconciliation {
  const violations: string[] = [];
  const violate = (line: string) => {
    if (violations.length < 200) violations.push(line);
  };
  const attemptByKey = new Map(record.attempts.map((attempt) => [attempt.idempotencyKey, attempt]));
  const attemptById = new Map(record.attempts.map((attempt) => [attempt.id, attempt]));
  const attemptByThread = new Map(record.attempts.filter((attempt) => attempt.threadId).map((attempt) => [attempt.threadId!, attempt]));
  const attemptNonces = new Set(record.attempts.map((attempt) => attempt.nonce));
  const gatewayOutcomes = outcomes.filter(({ plan }) => plan.via === "gateway");
  const threadIds = new Set(record.threads.map((thread) => thread.id));
  const ledgerIds = new Set(ledger.map((entry) => entry.id));
  const unknownNonces = new Set(record.attempts.filter((a) => a.status === "UNKNOWN" && a.nonce).map((a) => a.nonce));

  const tally: Tally = {
    creates: outcomes.length,
    trpcCreates: outcomes.length - gatewayOutcomes.length,
    gatewayCreates: gatewayOutcomes.length,
    gatewayTries: gatewayOutcomes.reduce((sum, { submissions }) => sum + submissions.reduce((n, { tries }) => n + tries.length, 0), 0),
    // Each try after a call's first is the SDK's own automatic retry (X-Stainless-Retry-Count > 0).
    gatewaySdkRetries: gatewayOutcomes.reduce((sum, { submissions }) => sum + submissions.reduce((n, { tries }) => n + tries.length - 1, 0), 0),
    gatewayRetry409s: gatewayOutcomes.reduce(
      (sum, { submissions }) => sum + submissions.reduce((n, { tries }) => n + tries.slice(1).filter((t) => t.kind === "refused" && t.status === 409 && !t.passedBack).length, 0),
      0,
    ),
    httpTries: 0,
    ledgerThreads: ledger.length,
    recordedCreated: record.attempts.filter((a) => a.status === "CREATED").length,
    ledgerRecorded: 0,
    ledgerAccountedByUnknown: 0,
    attemptsUnknown: record.attempts.filter((a) => a.status === "UNKNOWN").length,
    attemptsSwept: record.attempts.filter((a) => a.swept).length,
    doubleSubmits: outcomes.filter(({ plan }) => plan.kind.startsWith("double-") || plan.invalid === "key-reused").length,
    restartTransport: 0,
    restart503: 0,
    attemptsFailed: record.attempts.filter((a) => a.status === "FAILED").length,
    answeredCreated: 0,
    answeredUpstreamFailure: 0,
    answeredConflict: 0,
    refusedClientSide: 0,
    gaveUp: 0,
    attemptsShownUnknown: watched.shownUnknown.size,
    pending: record.attempts.filter((a) => a.status === "PENDING").length,
    ledgerUnaccounted: 0,
    duplicates: 0,
    phantoms: 0,
    attemptsMissing: 0,
    spool500s: 0,
    invalidNotRefused: 0,
    invalidStored: 0,
    unknownThenCreated: 0,
  };

  // An attempt a person was offered Retry on (UNKNOWN), or that a sweep ended, must never turn
  // out CREATED: its owner was still working on it, and a Retry would have made a second thread.
  for (const attempt of record.attempts) {
    if (attempt.status !== "CREATED") continue;
    const shown = watched.shownUnknown.has(attempt.id);
    if (!shown && !attempt.everSwept) continue;
    tally.unknownThenCreated++;
    violate(`attempt ${attempt.id} (${attempt.nonce}) was ${shown ? "listed as UNKNOWN with Retry" : "swept to UNKNOWN"} and later became CREATED`);
  }

  // Every thread that exists upstream is recorded, or its attempt says "outcome unknown".
  for (const entry of ledger) {
    const nonce = nonceOf(entry);
    if (threadIds.has(entry.id)) tally.ledgerRecorded++;
    else if (nonce && unknownNonces.has(nonce)) tally.ledgerAccountedByUnknown++;
    else {
      tally.ledgerUnaccounted++;
      violate(`upstream thread ${entry.id} (${nonce ?? "no nonce"}) is neither recorded nor covered by an UNKNOWN attempt`);
    }
  }

  // One create, one upstream thread, one record.
  for (const [nonce, count] of countBy(ledger.map(nonceOf))) {
    if (count > 1) {
      tally.duplicates++;
      violate(`${count} upstream threads were created for ${nonce}`);
    }
  }
  for (const [nonce, count] of countBy(record.threads.map((t) => t.nonce))) {
    if (count > 1) {
      tally.duplicates++;
      violate(`${count} Spool threads are recorded for ${nonce}`);
    }
  }
  for (const [threadId, count] of countBy(record.attempts.map((a) => a.threadId))) {
    if (count > 1) {
      tally.duplicates++;
      violate(`thread ${threadId} is recorded by ${count} attempts`);
    }
  }
  for (const thread of record.threads) {
    if (ledgerIds.has(thread.id)) continue;
    tally.phantoms++;
    violate(`Spool records thread ${thread.id}, which the upstream never created`);
  }

  // Refused input leaves no trace: no attempt under its key, no thread with its nonce.
  const recordedNonces = new Set(record.threads.map((thread) => thread.nonce));
  for (const { plan } of outcomes) {
    // key-reused sends a valid create under the key first; only the second request is refused.
    if (plan.kind !== "invalid" || plan.invalid === "key-reused") continue;
    if (attemptByKey.has(plan.idempotencyKey) || attemptNonces.has(plan.nonce) || recordedNonces.has(plan.nonce)) {
      tally.invalidStored++;
      violate(`${plan.nonce} (${plan.invalid}): refused input left an attempt or a thread behind`);
    }
  }

  for (const { plan, submissions } of outcomes) {
    const answeredIds = new Set<string>();
    for (const { label, tries } of submissions) {
      tally.httpTries += tries.length;
      for (const answer of tries) {
        if (answer.kind === "transport") tally.restartTransport++;
        else if (answer.status === 503) tally.restart503++;
        // An upstream 5xx the gateway passed back unchanged is the upstream's, not Spool's.
        if (answer.kind === "refused" && answer.status >= 500 && ![502, 503, 504].includes(answer.status) && !answer.passedBack) {
          tally.spool500s++;
          violate(`${plan.nonce} (${plan.kind}${plan.invalid ? `/${plan.invalid}` : ""}): Spool answered ${answer.status}: ${answer.message}`);
        }
      }
      const final = tries.at(-1)!;
      if (final.kind === "transport" || final.status === 503) {
        tally.gaveUp++;
        continue;
      }
      const clientSide = label === "invalid";
      if (clientSide) {
        if (final.kind === "refused" && final.status >= 400 && final.status < 500) tally.refusedClientSide++;
        else {
          tally.invalidNotRefused++;
          violate(`${plan.nonce} (${plan.invalid}): invalid input was answered ${final.kind === "created" ? "200 (created)" : final.status}`);
        }
        continue;
      }
      // Through the gateway the attempt's key is Spool's own: found by its thread, or by the id Spool named.
      const attempt =
        plan.via === "trpc"
          ? attemptByKey.get(plan.idempotencyKey)
          : final.kind === "created"
            ? attemptByThread.get(final.threadId)
            : final.upstream
              ? attemptById.get(final.upstream.attemptId)
              : undefined;
      if (final.kind === "created") {
        tally.answeredCreated++;
        answeredIds.add(final.threadId);
        if (!attempt || attempt.status !== "CREATED" || attempt.threadId !== final.threadId) {
          tally.attemptsMissing++;
          violate(`${plan.nonce}: Spool answered thread ${final.threadId} but its attempt is ${attempt ? `${attempt.status} (${attempt.threadId})` : "missing"}`);
        }
        if (!ledgerIds.has(final.threadId)) {
          tally.phantoms++;
          violate(`${plan.nonce}: Spool answered thread ${final.threadId}, which the upstream never created`);
        }
      } else if (final.upstream) {
        tally.answeredUpstreamFailure++;
        if (!attempt || attempt.status !== final.upstream.outcome) {
          tally.attemptsMissing++;
          violate(`${plan.nonce}: Spool answered ${final.upstream.outcome} but its attempt is ${attempt?.status ?? "missing"}`);
        }
      } else if (final.status === 409) {
        tally.answeredConflict++;
      } else if (final.passedBack) {
        // The upstream's own refusal, after the SDK's retries: an attempt of this create says what it did.
        tally.answeredUpstreamFailure++;
        if (!record.attempts.some((a) => a.nonce === plan.nonce && (a.status === "FAILED" || a.status === "UNKNOWN"))) {
          tally.attemptsMissing++;
          violate(`${plan.nonce}: the upstream's ${final.status} was passed back but no attempt of it is FAILED or UNKNOWN`);
        }
      } else {
        violate(`${plan.nonce} (${plan.kind}): unexpected answer ${final.status} ${final.code}: ${final.message}`);
      }
    }
    if (answeredIds.size > 1) {
      tally.duplicates++;
      violate(`${plan.nonce}: one submission was answered with ${answeredIds.size} different threads`);
    }
  }

  // Otherwise the restarts happened between requests and proved nothing.
  if (tally.restartTransport === 0) violate("no request was in flight when Spool was killed");
  if (tally.pending > 0) violate(`${tally.pending} attempts are still PENDING after the sweep`);
  return { tally, violations };
}

function countBy(values: Array<string | null | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
