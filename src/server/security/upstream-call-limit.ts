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
      keyPrefix: KEY_PREFIX,
      points: perMinute,
      duration: WINDOW_MS / 1000,
    });
  }

  /**
   * The values of allowanceDrawSql for one call drawn from `who`'s allowance: the row the
   * limiter counts `who` in, when this window would end, and now.
   */
  drawValues(who: string): [string, number, number] {
    const at = Date.now();
    return [`${KEY_PREFIX}:${storedKey(who)}`, at + WINDOW_MS, at];
  }

  /** What allowanceDrawSql answered: the calls left this minute, or the 429 consume would throw. */
  settle(drawn: { points: number; expire: number | string | null }, rule: string): number {
    if (drawn.points <= this.perMinute) return this.perMinute - drawn.points;
    const msBeforeNext = drawn.expire === null ? 0 : Math.max(Number(drawn.expire) - Date.now(), 0);
    throw this.tooMany(msBeforeNext, rule);
  }

  /** Takes one call from `who`'s allowance, or throws a 429 saying when to come back; `rule` names whose allowance it is. */
  async consume(who: string, rule = "per person (creates, retries, imports, refreshes, edits and deletes together)"): Promise<void> {
    try {
      await this.limiter.consume(storedKey(who));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw this.tooMany(rejection.msBeforeNext, rule);
    }
  }

  private tooMany(msBeforeNext: number, rule: string): RateLimitedError {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new RateLimitedError(`Too many requests to the upstream: Spool allows ${this.perMinute} a minute ${rule}. Try again in ${seconds} s.`, seconds);
  }
}

/**
 * One call drawn from an allowance inside someone else's statement (gateway-auth.ts: a key's
 * lookup and its draw in one round trip), counted in the row the limiter counts it in, the same
 * way: rate-limiter-flexible's own upsert (RateLimiterPostgres `_upsert`, 11.x), written out
 * because the library runs it only as a query of its own. `upstream-call-limit.test.ts` draws
 * from one allowance both ways, so a library that counts differently fails there.
 * `$n`…`$n+2` are drawValues; `from` names the row, if any, the draw is made for. It answers
 * `points` and `expire`, for `settle`. Written once per caller, so a prepared statement's text
 * never changes under its name.
 */
export function allowanceDrawSql(n: number, from: string): string {
  const [key, expire, now] = [`$${n}::varchar`, `$${n + 1}::bigint`, `$${n + 2}::bigint`];
  return `INSERT INTO rate_limits (key, points, expire) SELECT ${key}, 1, ${expire} ${from}
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limits.expire <= ${now} THEN 1 ELSE rate_limits.points + 1 END,
      expire = CASE WHEN rate_limits.expire <= ${now} THEN ${expire} ELSE rate_limits.expire END
    RETURNING points, expire`;
}

const KEY_PREFIX = "upstream";
/** The allowance's window: `perMinute` calls in it. */
const WINDOW_MS = 60_000;

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
