import "server-only";
import { MAX_AUTO_RETRIES, MAX_AUTO_RETRY_WAIT_MS } from "~/server/upstream/safe-retry";
import { DATABASE_RETRY_WINDOW_MS } from "./durable-write";

/**
 * The longest a live create can take, as `tries × upstream timeout + fixedMs`: every try
 * timing out, every pause, then a slow database. The sweep computes the same in SQL from each
 * attempt's stored timeout (sweep-attempts.ts).
 */
export const LONGEST_CREATE = {
  tries: MAX_AUTO_RETRIES + 1,
  fixedMs: MAX_AUTO_RETRIES * MAX_AUTO_RETRY_WAIT_MS + DATABASE_RETRY_WINDOW_MS,
} as const;

export function longestCreateMs(timeoutMs: number): number {
  return LONGEST_CREATE.tries * timeoutMs + LONGEST_CREATE.fixedMs;
}
