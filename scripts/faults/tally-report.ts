// The run's result as a table: what happened, then the counts that must be zero.
import type { Tally } from "./reconcile";

const ROWS: Array<[keyof Tally, string, "info" | "zero"]> = [
  ["creates", "creates sent", "info"],
  ["trpcCreates", "  through tRPC threads.create (the composer's way)", "info"],
  ["gatewayCreates", "  through /v1 with the official openai SDK (a Spool key, SDK retries on)", "info"],
  ["gatewayTries", "gateway: HTTP tries", "info"],
  ["gatewaySdkRetries", "gateway: the SDK's own automatic retries (X-Stainless-Retry-Count > 0)", "info"],
  ["gatewayRetry409s", "gateway: retries answered 409 naming the open attempt (not sent again)", "info"],
  ["httpTries", "HTTP tries (double submits and retries included)", "info"],
  ["ledgerThreads", "threads the emulator created (its ledger)", "info"],
  ["recordedCreated", "attempts recorded CREATED", "info"],
  ["ledgerRecorded", "ledger threads recorded in Spool", "info"],
  ["ledgerAccountedByUnknown", "ledger threads accounted for by an UNKNOWN attempt", "info"],
  ["attemptsUnknown", "attempts UNKNOWN (outcome unknown)", "info"],
  ["attemptsSwept", "  of which ended by the sweep (Spool died mid-request)", "info"],
  ["attemptsFailed", "attempts FAILED (upstream certainly made nothing)", "info"],
  ["answeredCreated", "answers: created (200)", "info"],
  ["answeredUpstreamFailure", "answers: upstream failure (429/502/504, attempt named)", "info"],
  ["answeredConflict", "answers: 409 (same key in flight)", "info"],
  ["refusedClientSide", "answers: invalid input refused with 4xx", "info"],
  ["doubleSubmits", "creates submitted twice with one key", "info"],
  ["restartTransport", "tries that met Spool down (transport error)", "info"],
  ["restart503", "tries that met PostgreSQL down (503)", "info"],
  ["gaveUp", "submissions still failing after the retry window", "info"],
  ["attemptsShownUnknown", "attempts the Attempts list showed UNKNOWN during the run", "info"],
  ["pending", "attempts still PENDING", "zero"],
  ["ledgerUnaccounted", "ledger threads not accounted for", "zero"],
  ["duplicates", "duplicates (per nonce, key or upstream thread)", "zero"],
  ["phantoms", "recorded/answered threads the upstream never created", "zero"],
  ["attemptsMissing", "answers without a matching attempt", "zero"],
  ["spool500s", "Spool 500s", "zero"],
  ["invalidNotRefused", "invalid inputs not refused with a 4xx", "zero"],
  ["invalidStored", "invalid inputs that left an attempt or thread", "zero"],
  ["unknownThenCreated", "attempts shown UNKNOWN (or swept) that later became CREATED", "zero"],
];

export function formatTally(tally: Tally): string {
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  const lines = ROWS.map(([key, label, rule]) => {
    const value = String(tally[key]).padStart(6);
    const verdict = rule === "zero" ? (tally[key] === 0 ? "  ok (must be 0)" : "  FAIL (must be 0)") : "";
    return `  ${label.padEnd(width)} ${value}${verdict}`;
  });
  return lines.join("\n");
}
