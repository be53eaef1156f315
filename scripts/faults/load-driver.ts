// Sends the planned creates at a fixed concurrency and keeps every answer. A try that meets
// a restart (no connection, or a 503 while the database is away) is sent again with the same
// idempotency key after a pause, as the browser's tRPC client would be retried.
import { setTimeout as sleep } from "node:timers/promises";
import { requestFor, type PlannedCreate } from "./fault-plan";
import type { EmulatorControl } from "./emulator-control";
import type { GatewayClient, ThreadRequest } from "./gateway-client";
import { createRequestBody, isTransient, type Answer, type SpoolClient } from "./spool-client";

/** One HTTP submission of a create (double submits have two) and every try it took. */
export type Submission = { label: string; tries: Answer[] };

export type CreateOutcome = { plan: PlannedCreate; submissions: Submission[] };

/** Something to do (a restart) as the create with this index is sent, with others in flight. */
export type Disruption = { atIndex: number; name: string; run: () => Promise<void> };

const RETRY_PAUSE_MS = 500;
const RETRY_WINDOW_MS = 60_000;

export async function driveLoad(options: {
  plan: PlannedCreate[];
  concurrency: number;
  client: SpoolClient;
  /** For the creates planned `via: "gateway"`: the official SDK through `/v1`. */
  gateway: GatewayClient;
  emulator: EmulatorControl;
  disruptions: Disruption[];
  onProgress?: (done: number) => void;
}): Promise<CreateOutcome[]> {
  const { plan, client } = options;
  const outcomes: CreateOutcome[] = new Array(plan.length);
  const running: Array<Promise<void>> = [];
  let next = 0;
  let done = 0;

  const submit = async (label: string, body: string, headers?: Record<string, string>): Promise<Submission> => {
    const tries: Answer[] = [];
    const deadline = Date.now() + RETRY_WINDOW_MS;
    for (;;) {
      const answer = await client.create(body, headers);
      tries.push(answer);
      if (!isTransient(answer) || Date.now() > deadline) return { label, tries };
      await sleep(RETRY_PAUSE_MS);
    }
  };

  const worker = async () => {
    for (let index = next++; index < plan.length; index = next++) {
      const item = plan[index]!;
      for (const disruption of options.disruptions.filter((d) => d.atIndex === index)) {
        running.push(disruption.run());
      }
      await options.emulator.addFaults(item.faults);
      outcomes[index] = { plan: item, submissions: item.via === "gateway" ? await sendThroughGateway(item, options.gateway) : await send(item, submit) };
      options.onProgress?.(++done);
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await Promise.all(running);
  return outcomes;
}

/**
 * A gateway create is one SDK call, its own automatic retries inside it: no Idempotency-Key
 * (the SDK sends none), so its retries are told apart by `X-Stainless-Retry-Count` alone.
 * Double submits carry an Idempotency-Key, as a service that wants them to count as one does.
 */
async function sendThroughGateway(item: PlannedCreate, gateway: GatewayClient): Promise<Submission[]> {
  const request: ThreadRequest = requestFor(item);
  const call = async (label: string, body: ThreadRequest, headers?: Record<string, string>): Promise<Submission> => ({ label, tries: await gateway.create(body, headers) });
  const keyed = { "Idempotency-Key": item.idempotencyKey };
  const withMessage = (content: string): ThreadRequest => ({ ...request, messages: [{ role: "user", content }] });
  switch (item.kind) {
    case "double-concurrent":
      return Promise.all([call("first", request, keyed), call("second", request, keyed)]);
    case "double-resend": {
      const first = await call("first", request, keyed);
      return [first, await call("resend", request, keyed)];
    }
    case "invalid":
      switch (item.invalid) {
        case "too-many-metadata-pairs":
          return [await call("invalid", { ...request, metadata: { ...request.metadata, ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"])) } })];
        case "system-role":
          return [await call("invalid", { ...request, messages: [{ role: "system", content: "x" }] } as unknown as ThreadRequest)];
        case "nul-in-text":
          return [await call("invalid", withMessage("before\u0000after"))];
        case "lone-surrogate":
          return [await call("invalid", withMessage("broken \ud800 pair"))];
        default:
          throw new Error(`Create #${item.index}: ${item.invalid} cannot be sent through the gateway`);
      }
    default:
      return [await call("create", request)];
  }
}

type Submit = (label: string, body: string, headers?: Record<string, string>) => Promise<Submission>;

const envelope = createRequestBody;

async function send(item: PlannedCreate, submit: Submit): Promise<Submission[]> {
  const body = envelope({ idempotencyKey: item.idempotencyKey, request: requestFor(item) });
  switch (item.kind) {
    case "double-concurrent":
      // Double click or two tabs: the same submission twice at once.
      return Promise.all([submit("first", body), submit("second", body)]);
    case "double-resend": {
      // A network retry of a call that in fact got through.
      const first = await submit("first", body);
      return [first, await submit("resend", body)];
    }
    case "invalid":
      return sendInvalid(item, body, submit);
    default:
      return [await submit("create", body)];
  }
}

async function sendInvalid(item: PlannedCreate, valid: string, submit: Submit): Promise<Submission[]> {
  const { idempotencyKey } = item;
  const request = requestFor(item);
  const withMessage = (content: string) => envelope({ idempotencyKey, request: { ...request, messages: [{ role: "user", content }] } });
  const refused = async (body: string, headers?: Record<string, string>) => [await submit("invalid", body, headers)];
  switch (item.invalid) {
    case "bad-idempotency-key":
      return refused(envelope({ idempotencyKey: `not-a-uuid-${item.nonce}`, request }));
    case "too-many-metadata-pairs": {
      const metadata = { ...request.metadata, ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"])) };
      return refused(envelope({ idempotencyKey, request: { ...request, metadata } }));
    }
    case "system-role":
      return refused(envelope({ idempotencyKey, request: { ...request, messages: [{ role: "system", content: "x" }] } }));
    case "nul-in-text":
      return refused(withMessage("before\u0000after"));
    case "lone-surrogate":
      return refused(withMessage("broken \ud800 pair"));
    case "proto-key":
      return refused(`{"idempotencyKey":"${idempotencyKey}","request":{"metadata":{"__proto__":{"fault_nonce":"${item.nonce}"}}}}`);
    case "broken-json":
      return refused(`{"idempotencyKey":"${idempotencyKey}",`);
    case "text-plain-body":
      return refused(valid, { "content-type": "text/plain" });
    case "oversized-body":
      return refused(withMessage("x".repeat(1_100_000)));
    case "cross-site-origin":
      return refused(valid, { origin: "https://attacker.example" });
    case "key-reused": {
      // A valid create, then a different request under its key: a conflict, never a second thread.
      const first = await submit("create", valid);
      return [first, ...(await refused(withMessage("A different request under the same key.")))];
    }
    case undefined:
      throw new Error(`Create #${item.index} is invalid without saying how`);
  }
}
