// The limit is counted in PostgreSQL: two Spool instances on one database share it.
import { describe, expect, it } from "vitest";
import { nonce } from "~/test/test-stack";
import { RateLimitedError } from "~/server/errors";
import type pg from "pg";
import { allowanceDrawSql, createLimitPool, UpstreamCallLimit } from "./upstream-call-limit";

describe("the upstream-call limit", () => {
  it("is kept in an unlogged table: taking a call from an allowance waits for no WAL flush", async () => {
    const pool = createLimitPool(process.env.DATABASE_URL!);
    try {
      const { rows } = await pool.query<{ relpersistence: string }>("SELECT relpersistence FROM pg_class WHERE relname = 'rate_limits'");
      expect(rows).toEqual([{ relpersistence: "u" }]);
    } finally {
      await pool.end();
    }
  });

  it("is not multiplied by instances: two limiters with their own pools on one database allow the limit once", async () => {
    const poolA = createLimitPool(process.env.DATABASE_URL!);
    const poolB = createLimitPool(process.env.DATABASE_URL!);
    try {
      const instanceA = new UpstreamCallLimit(poolA, 5);
      const instanceB = new UpstreamCallLimit(poolB, 5);
      const who = `user:${nonce()}`;
      const outcomes: string[] = [];
      // Round-robin, as a load balancer would spread one person's calls.
      for (let call = 0; call < 12; call++) {
        const instance = call % 2 === 0 ? instanceA : instanceB;
        outcomes.push(await instance.consume(who).then(() => "allowed", (error: unknown) => (error instanceof RateLimitedError ? "limited" : "error")));
      }
      expect(outcomes.filter((outcome) => outcome === "allowed")).toHaveLength(5);
      expect(outcomes.slice(5)).toEqual(Array(7).fill("limited"));
    } finally {
      await Promise.all([poolA.end(), poolB.end()]);
    }
  });

  it("counts calls made at the same moment on two instances exactly once each", async () => {
    const poolA = createLimitPool(process.env.DATABASE_URL!);
    const poolB = createLimitPool(process.env.DATABASE_URL!);
    try {
      const limits = [new UpstreamCallLimit(poolA, 10), new UpstreamCallLimit(poolB, 10)];
      const who = `ip:${nonce()}`;
      const results = await Promise.allSettled(Array.from({ length: 30 }, (_, call) => limits[call % 2]!.consume(who)));
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(10);
      for (const result of results.filter((item) => item.status === "rejected")) {
        expect((result as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
      }
    } finally {
      await Promise.all([poolA.end(), poolB.end()]);
    }
  });

  it("says when to come back, and keeps each person's allowance apart (long names included)", async () => {
    const pool = createLimitPool(process.env.DATABASE_URL!);
    try {
      const limit = new UpstreamCallLimit(pool, 1);
      const long = `user:${nonce()}${"x".repeat(400)}`;
      await limit.consume(long);
      const refused = await limit.consume(long).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
      expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
      expect((refused as RateLimitedError).message).toMatch(/Spool allows 1 a minute per person/);
      await expect(limit.consume(`${long}y`)).resolves.toBeUndefined();
    } finally {
      await pool.end();
    }
  });

  it("counts a draw made inside another statement exactly as the library counts its own, in the same row (gateway-auth.ts)", async () => {
    const pool = createLimitPool(process.env.DATABASE_URL!);
    const limit = new UpstreamCallLimit(pool, 5);
    const rowOf = (who: string) => limit.drawValues(who)[0];
    const endWindow = (who: string) => pool.query("UPDATE rate_limits SET expire = $2 WHERE key = $1", [rowOf(who), Date.now() - 1]);
    const stored = async (who: string) => (await pool.query<{ points: number; expire: string }>("SELECT points, expire FROM rate_limits WHERE key = $1", [rowOf(who)])).rows[0]!;
    try {
      const who = `api-key:${nonce()}${"k".repeat(300)}`;
      // Turn about: the library's draws and the statement's land in one count.
      await limit.consume(who);
      expect(await drawInside(pool, limit, who)).toBe(3);
      await limit.consume(who);
      expect(await drawInside(pool, limit, who)).toBe(1);
      await limit.consume(who);
      const byLibrary = await limit.consume(who).catch((error: unknown) => error);
      const byStatement = await drawInside(pool, limit, who).catch((error: unknown) => error);
      expect(byLibrary).toBeInstanceOf(RateLimitedError);
      expect(byStatement).toBeInstanceOf(RateLimitedError);
      // The same answer either way: when to come back, and whose allowance it is.
      const worded = (error: unknown) => (error as RateLimitedError).message.replace(/in \d+ s\.$/, "in N s.");
      expect(worded(byStatement)).toBe(worded(byLibrary).replace("per person (creates, retries, imports, refreshes, edits and deletes together)", "per test"));
      expect(Math.abs((byStatement as RateLimitedError).retryAfterSeconds - (byLibrary as RateLimitedError).retryAfterSeconds)).toBeLessThanOrEqual(1);
      expect((byStatement as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
      expect((byStatement as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);

      // A window that has ended starts again, whichever side draws first.
      await endWindow(who);
      expect(await drawInside(pool, limit, who)).toBe(4);
      await limit.consume(who);
      expect((await stored(who)).points).toBe(2);
      await endWindow(who);
      await limit.consume(who);
      expect(await drawInside(pool, limit, who)).toBe(3);
      expect(Number((await stored(who)).expire)).toBeGreaterThan(Date.now() + 50_000);
    } finally {
      await pool.end();
    }
  });

  it("allows the limit once when the library and the statement draw at the same moment on two instances", async () => {
    const poolA = createLimitPool(process.env.DATABASE_URL!);
    const poolB = createLimitPool(process.env.DATABASE_URL!);
    try {
      const [libraryA, statementB] = [new UpstreamCallLimit(poolA, 12), new UpstreamCallLimit(poolB, 12)];
      const who = `api-key:${nonce()}`;
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, call) => (call % 2 === 0 ? libraryA.consume(who) : drawInside(poolB, statementB, who))),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(12);
      for (const result of results.filter((item) => item.status === "rejected")) {
        expect((result as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
      }
      const { rows } = await poolA.query<{ points: number }>("SELECT points FROM rate_limits WHERE key = $1", [libraryA.drawValues(who)[0]]);
      expect(rows).toEqual([{ points: 40 }]);
    } finally {
      await Promise.all([poolA.end(), poolB.end()]);
    }
  });
});

/** One call drawn as gateway-auth.ts draws it: inside a statement of its own, made for one row. */
async function drawInside(pool: pg.Pool, limit: UpstreamCallLimit, who: string): Promise<number> {
  const { rows } = await pool.query<{ points: number; expire: string }>(
    `WITH drawn AS (${allowanceDrawSql(1, "FROM (SELECT 1) AS one")}) SELECT points, expire FROM drawn`,
    limit.drawValues(who),
  );
  return limit.settle(rows[0]!, "per test");
}
