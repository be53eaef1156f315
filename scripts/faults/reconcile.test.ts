// The reconcile is the fault run's verdict: it must pass a clean record and name each way
// a record can go wrong, or a green run would prove nothing.
import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../src/emulator/server";
import type { DatabaseRecord, RecordedAttempt } from "./database-record";
import { planCreates, requestFor, type PlannedCreate } from "./fault-plan";
import type { CreateOutcome } from "./load-driver";
import { reconcile } from "./reconcile";
import type { Answer } from "./spool-client";

const [first, second] = planCreates(7, 2).map((plan) => ({ ...plan, via: "trpc" as const, kind: "plain" as const, invalid: undefined }));

const ledgerEntry = (plan: PlannedCreate, id: string): LedgerEntry => ({ id, created_at: 0, body: JSON.stringify(requestFor(plan)) });
const attempt = (plan: PlannedCreate, status: string, threadId: string | null): RecordedAttempt => ({
  id: `attempt-${plan.nonce}`,
  idempotencyKey: plan.idempotencyKey,
  status,
  threadId,
  nonce: plan.nonce,
  swept: false,
  everSwept: false,
});
const created = (threadId: string): Answer => ({ kind: "created", status: 200, threadId });
const outcome = (plan: PlannedCreate, ...answers: Answer[]): CreateOutcome => ({ plan, submissions: [{ label: "create", tries: answers }] });

/** `first` created and recorded, `second` created upstream but its answer lost: UNKNOWN. */
function cleanRun() {
  const ledger = [ledgerEntry(first!, "thread_a"), ledgerEntry(second!, "thread_b")];
  const record: DatabaseRecord = {
    attempts: [attempt(first!, "CREATED", "thread_a"), attempt(second!, "UNKNOWN", null)],
    threads: [{ id: "thread_a", nonce: first!.nonce }],
  };
  const unknown: Answer = { kind: "refused", status: 504, code: "GATEWAY_TIMEOUT", message: "", upstream: { outcome: "UNKNOWN", attemptId: "x" } };
  const outcomes = [outcome(first!, { kind: "transport", error: "ECONNRESET" }, created("thread_a")), outcome(second!, unknown)];
  return { ledger, record, outcomes };
}

describe("reconcile", () => {
  it("judges a gateway create by the attempt Spool named or answered from, and an upstream 5xx it passed back is not Spool's 500", () => {
    const { ledger, record } = cleanRun();
    const [viaA, viaB] = [{ ...first!, via: "gateway" as const }, { ...second!, via: "gateway" as const }];
    const passedBack: Answer = { kind: "refused", status: 500, code: "NONE", message: "The server had an error", upstream: null, passedBack: true };
    const conflict: Answer = { kind: "refused", status: 409, code: "create_outcome_unknown", message: "retry of create attempt x", upstream: null };
    const outcomes = [outcome(viaA, { kind: "transport", error: "ECONNRESET" }, created("thread_a")), outcome(viaB, passedBack, conflict, conflict)];
    const { tally, violations } = reconcile(outcomes, ledger, record);
    expect(violations).toEqual([]);
    expect(tally).toMatchObject({ gatewayCreates: 2, gatewaySdkRetries: 3, gatewayRetry409s: 2, spool500s: 0, answeredConflict: 1 });

    // Spool's own 500 through the gateway still fails the run; so does a thread answered without its attempt.
    const own500: Answer = { ...passedBack, passedBack: false };
    const failing = reconcile([outcome(viaA, created("thread_b")), outcome(viaB, own500, conflict)], ledger, record);
    expect(failing.tally).toMatchObject({ spool500s: 1, attemptsMissing: 1 });
  });

  it("passes a record where every upstream thread is recorded or covered by an UNKNOWN attempt", () => {
    const { ledger, record, outcomes } = cleanRun();
    const { tally, violations } = reconcile(outcomes, ledger, record);
    expect(violations).toEqual([]);
    expect(tally).toMatchObject({ ledgerRecorded: 1, ledgerAccountedByUnknown: 1, restartTransport: 1, duplicates: 0 });
  });

  it("names an upstream thread nobody recorded", () => {
    const { ledger, record, outcomes } = cleanRun();
    record.attempts[1]!.status = "FAILED";
    const { tally, violations } = reconcile(outcomes, ledger, record);
    expect(tally.ledgerUnaccounted).toBe(1);
    expect(violations.join("\n")).toMatch(/thread_b .* neither recorded nor covered/);
  });

  it("names a second upstream thread for one create, and an attempt left PENDING", () => {
    const { ledger, record, outcomes } = cleanRun();
    ledger.push(ledgerEntry(first!, "thread_c"));
    record.attempts[1]!.status = "PENDING";
    const { tally } = reconcile(outcomes, ledger, record);
    expect(tally.duplicates).toBe(1);
    expect(tally.pending).toBe(1);
  });

  it("names a 500, and an answer whose attempt says otherwise", () => {
    const { ledger, record, outcomes } = cleanRun();
    outcomes[1]!.submissions[0]!.tries.push({ kind: "refused", status: 500, code: "INTERNAL_SERVER_ERROR", message: "boom", upstream: null });
    record.attempts[0]!.status = "UNKNOWN";
    const { tally } = reconcile(outcomes, ledger, record);
    expect(tally.spool500s).toBe(1);
    expect(tally.attemptsMissing).toBe(1);
  });

  it("fails a run whose Spool kill met no request in flight", () => {
    const { ledger, record, outcomes } = cleanRun();
    outcomes[0]!.submissions[0]!.tries.shift();
    expect(reconcile(outcomes, ledger, record).violations).toContain("no request was in flight when Spool was killed");
  });

  it("names refused input that left an attempt behind", () => {
    const { ledger, record, outcomes } = cleanRun();
    const [invalid] = planCreates(8, 1).map((plan) => ({ ...plan, kind: "invalid" as const, invalid: "nul-in-text" as const }));
    const refused: Answer = { kind: "refused", status: 400, code: "BAD_REQUEST", message: "NUL", upstream: null };
    outcomes.push({ plan: invalid!, submissions: [{ label: "invalid", tries: [refused] }] });
    expect(reconcile(outcomes, ledger, record).tally).toMatchObject({ refusedClientSide: 1, invalidStored: 0 });

    record.attempts.push(attempt(invalid!, "FAILED", null));
    const { tally, violations } = reconcile(outcomes, ledger, record);
    expect(tally.invalidStored).toBe(1);
    expect(violations.join("\n")).toMatch(/nul-in-text\): refused input left an attempt or a thread behind/);
  });

  it("names an attempt that was offered for Retry as UNKNOWN, or swept, and later became CREATED", () => {
    const { ledger, record, outcomes } = cleanRun();
    const shown = { shownUnknown: new Set([record.attempts[0]!.id]) };
    expect(reconcile(outcomes, ledger, record, { shownUnknown: new Set([record.attempts[1]!.id]) }).tally.unknownThenCreated).toBe(0);
    const { tally, violations } = reconcile(outcomes, ledger, record, shown);
    expect(tally.unknownThenCreated).toBe(1);
    expect(violations.join("\n")).toMatch(/listed as UNKNOWN with Retry and later became CREATED/);

    record.attempts[0]!.everSwept = true;
    expect(reconcile(outcomes, ledger, record).violations.join("\n")).toMatch(/swept to UNKNOWN and later became CREATED/);
  });
});
