import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "~/server/errors";

/**
 * How many upstream calls (create, retry, import, refresh, update, delete) one person, or
 * one client address without sign-in, may make per minute. Counted in PostgreSQL, so every
 * Spool instance on the database draws from the same allowance. The table is made by a
 * migration (`rate_limits`), never at run time.
 * @see https://github.com/animir/node-rate-limiter-flexible/wiki/PostgreSQL
 */
export class UpstreamCallLimit {
  private readonly limiter: RateLimiterPostgres;

  constructor(
    pool: pg.Pool,
    readonly perMinute: number,
  ) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: "upstream",
      points: perMinute,
      duration: 60,
    });
  }

  /** Takes one call from `who`'s allowance, or throws a 429 saying when to come back; `rule` names whose allowance it is. */
  async consume(who: string, rule = "per person (creates, retries, imports, refreshes, edits and deletes together)"): Promise<void> {
    try {
      await this.limiter.consume(storedKey(who));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new RateLimitedError(
        `Too many requests to the upstream: Spool allows ${this.perMinute} a minute ${rule}. Try again in ${seconds} s.`,
        seconds,
      );
    }
  }

  /** Drops what `who` has drawn: for an allowance that turned out to be no one's (an unknown key's), so it leaves no row behind. */
  async forget(who: string): Promise<void> {
    await this.limiter.delete(storedKey(who));
  }
}

/** The table's key is varchar(255): a long user name is kept apart from others by its hash. */
function storedKey(who: string): string {
  return who.length <= 200 ? who : `sha256:${createHash("sha256").update(who).digest("hex")}`;
}

/** A small pool of its own: a limit check must not wait behind the record step's connections. */
export function createLimitPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, idleTimeoutMillis: 30_000 });
  // An idle connection cut by a database restart is an event, not a crash; the next query reconnects.
  pool.on("error", (error) => console.error("[spool] rate-limit connection lost:", error.message));
  return pool;
}

// The pool is the process's, on globalThis (development reloads re-run modules; Next.js's bundle
// and Spool's HTTP server each load this module, scripts/next-server.ts). The limiters over it
// are this module copy's: a limiter handed across copies would throw the other copy's
// RateLimitedError, which this copy's error mapping would not know for a 429.
const globalForLimit = globalThis as unknown as { spoolLimitPool?: pg.Pool };
const limits = new Map<number, UpstreamCallLimit>();

export function upstreamCallLimit(databaseUrl: string, perMinute: number): UpstreamCallLimit {
  globalForLimit.spoolLimitPool ??= createLimitPool(databaseUrl);
  let limit = limits.get(perMinute);
  if (!limit) {
    limit = new UpstreamCallLimit(globalForLimit.spoolLimitPool, perMinute);
    limits.set(perMinute, limit);
  }
  return limit;
}
