// Which create suffers what: drawn from a seeded generator, so one seed is one plan.
import type { Fault } from "../../src/emulator/faults";

/** How one create is sent and what the emulator does to it. */
export type CreateKind =
  | "plain"
  | "latency"
  | "rate-limited-once" // 429 + Retry-After, then success: Spool may repeat it by itself
  | "rate-limited-always" // 429 on every try: Spool gives up, nothing created
  | "error-before" // 500 without creating
  | "error-after" // 500 although the thread was created
  | "drop-before"
  | "drop-after" // connection cut after creating
  | "hang-after" // no answer after creating, past Spool's timeout
  | "double-concurrent" // the same submission twice at once (double click, two tabs)
  | "double-resend" // the same submission again after the first answer (network retry)
  | "invalid";

/** Client-side mistakes: each must be refused with a 4xx and leave no trace. */
export const INVALID_VARIANTS = [
  "too-many-metadata-pairs",
  "system-role",
  "bad-idempotency-key",
  "nul-in-text",
  "proto-key",
  "lone-surrogate",
  "cross-site-origin",
  "text-plain-body",
  "broken-json",
  "oversized-body",
  "key-reused",
] as const;
export type InvalidVariant = (typeof INVALID_VARIANTS)[number];

/** Invalid input the official SDK can send (the rest is tRPC's own wire: its key, origin, raw bytes). */
const GATEWAY_INVALID: readonly InvalidVariant[] = ["too-many-metadata-pairs", "system-role", "nul-in-text", "lone-surrogate"];

/** How a create reaches Spool: the composer's tRPC `threads.create`, or the SDK through `/v1`. */
export type CreateRoute = "trpc" | "gateway";

export type PlannedCreate = {
  index: number;
  via: CreateRoute;
  /** In the request's metadata, so ledger entries, attempts and threads can be traced to it. */
  nonce: string;
  idempotencyKey: string;
  kind: CreateKind;
  faults: Fault[];
  invalid?: InvalidVariant;
};

const WEIGHTS: Array<[CreateKind, number]> = [
  ["plain", 30],
  ["latency", 16],
  ["rate-limited-once", 4],
  ["rate-limited-always", 2],
  ["error-before", 6],
  ["error-after", 6],
  ["drop-before", 3],
  ["drop-after", 5],
  ["hang-after", 4],
  ["double-concurrent", 8],
  ["double-resend", 8],
  ["invalid", 8],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

/** mulberry32: tiny, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planCreates(seed: number, count: number): PlannedCreate[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const width = String(count).length;
  return Array.from({ length: count }, (_, index) => {
    // Fixed width, so no nonce is a substring of another (faults match by substring).
    const nonce = `fr${seed.toString(36)}-${String(index).padStart(width, "0")}`;
    const kind = drawKind(random());
    const planned: PlannedCreate = { index, via: "trpc", nonce, idempotencyKey: uuidFrom(random), kind, faults: faultsFor(kind, nonce, random, pick) };
    if (kind === "invalid") planned.invalid = pick(INVALID_VARIANTS);
    // Every other create through the gateway, where it can go (the draw above is unchanged, so a seed keeps its faults).
    if (index % 2 === 1 && (planned.invalid === undefined || GATEWAY_INVALID.includes(planned.invalid))) planned.via = "gateway";
    return planned;
  });
}

function drawKind(roll: number): CreateKind {
  let left = roll * TOTAL_WEIGHT;
  for (const [kind, weight] of WEIGHTS) {
    left -= weight;
    if (left < 0) return kind;
  }
  return "plain";
}

function faultsFor(kind: CreateKind, nonce: string, random: () => number, pick: <T>(items: readonly T[]) => T): Fault[] {
  const target = { match: `"${nonce}"`, path: "/v1/threads", method: "POST" };
  const latency = (min: number, max: number): Fault => ({ ...target, kind: "latency", ms: min + Math.floor(random() * (max - min)) });
  switch (kind) {
    case "plain":
    case "invalid":
      return [];
    case "latency":
      return [latency(50, 600)];
    case "rate-limited-once":
      return [{ ...target, kind: "status", status: 429, retryAfter: 1, when: "before" }];
    case "rate-limited-always":
      // Spool tries at most three times (src/server/upstream/safe-retry.ts): all three are refused.
      return [{ ...target, kind: "status", status: 429, retryAfter: 1, when: "before", times: 3 }];
    case "error-before":
      return [{ ...target, kind: "status", status: 500, when: "before" }];
    case "error-after":
      return [{ ...target, kind: "status", status: pick([500, 502, 503]), when: "after" }];
    case "drop-before":
      return [{ ...target, kind: "drop", when: "before" }];
    case "drop-after":
      return [{ ...target, kind: "drop", when: "after" }];
    case "hang-after":
      return [{ ...target, kind: "hang", when: "after" }];
    case "double-concurrent":
      // Slow enough that the second copy arrives while the first is still upstream.
      return [latency(200, 700)];
    case "double-resend":
      return pick([[], [latency(50, 300)], [{ ...target, kind: "status", status: 500, when: "after" } satisfies Fault]]);
  }
}

/** The thread a create asks for; the nonce in its metadata ties the upstream thread to this create. */
export function requestFor(planned: PlannedCreate) {
  return {
    messages: [{ role: "user" as const, content: `Fault run create #${planned.index} (${planned.kind}).` }],
    metadata: { fault_nonce: planned.nonce, fault_kind: planned.kind },
  };
}

/** A version-4-shaped UUID from the seeded generator (the router accepts any UUID). */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(random() * 4)]!;
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
