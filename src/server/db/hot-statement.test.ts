import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { createPrismaClient, type Database } from "~/server/prisma";
import { runHotStatement, sqlInteger } from "./hot-statement";

// A client of its own, so the statements prepared below are the only ones on its connection.
let db: Database;

beforeAll(() => {
  db = createPrismaClient(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await db.$disconnect();
});

const everyKind = (n: number) => Prisma.sql`
  SELECT ${n}::bigint AS big, ${n}::int AS small, ${`text ${n}`} AS label, NULL::text AS nothing,
         jsonb_build_object('n', ${n}::int, 'list', jsonb_build_array(1, 'two')) AS doc,
         '2026-12-02T10:00:00.123Z'::timestamptz AS at, true AS yes`;

describe("runHotStatement", () => {
  it("returns rows as node-postgres types them: int8 as a string, jsonb parsed, times as Dates, nulls as null", async () => {
    expect(await runHotStatement(db, "every-kind", everyKind(7))).toEqual([
      { big: "7", small: 7, label: "text 7", nothing: null, doc: { n: 7, list: [1, "two"] }, at: new Date("2026-12-02T10:00:00.123Z"), yes: true },
    ]);
  });

  it("prepares each text once per connection, one name per text even under one statement name, with the values as parameters", async () => {
    // One call at a time: the pool lends the same idle connection each time.
    await runHotStatement(db, "every-kind", everyKind(1));
    await runHotStatement(db, "every-kind", everyKind(2));
    // Another text under the same name (as the list's statement varies with its filters).
    await runHotStatement(db, "every-kind", Prisma.sql`SELECT ${3}::int AS other`);
    const prepared = await runHotStatement<{ name: string; statement: string }>(
      db,
      "prepared-statements",
      Prisma.sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE ${"every-kind-%"} ORDER BY statement`,
    );
    expect(prepared.map(({ statement }) => statement)).toEqual([everyKind(0).text, "SELECT $1::int AS other"].sort());
    expect(prepared.every(({ name }) => /^every-kind-[0-9a-f]{16}$/.test(name))).toBe(true);
    expect(new Set(prepared.map(({ name }) => name)).size).toBe(2);
  });

  it("leaves a statement planned for each call unprepared, however often it runs", async () => {
    const each = (n: number) => Prisma.sql`SELECT ${n}::int AS planned_each_call, pg_backend_pid() AS pid`;
    const pids = new Set<number>();
    for (let n = 0; n < 7; n++) {
      const [row] = await runHotStatement<{ planned_each_call: number; pid: number }>(db, "each-call", each(n), { planEachCall: true });
      expect(row?.planned_each_call).toBe(n);
      pids.add(row!.pid);
    }
    const prepared = await runHotStatement<{ statement: string; pid: number }>(
      db,
      "prepared-statements",
      Prisma.sql`SELECT pg_backend_pid() AS pid, (SELECT statement FROM pg_prepared_statements WHERE statement = ${each(0).text}) AS statement`,
    );
    // Looked for on the very connection that ran it (one call at a time: the pool lends the same one).
    expect([...pids]).toEqual([prepared[0]!.pid]);
    expect(prepared[0]!.statement).toBeNull();
  });

  it("refuses a name PostgreSQL could cut short, or one that is not plain", async () => {
    await expect(runHotStatement(db, "x".repeat(41), everyKind(1))).rejects.toThrow(/up to 40/);
    await expect(runHotStatement(db, "drop table; --", everyKind(1))).rejects.toThrow(/a-z/);
  });

  it("writes only positive integers into a statement's text", () => {
    expect(sqlInteger(26).sql).toBe("26");
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => sqlInteger(bad)).toThrow(RangeError);
  });

  it("refuses a client that was not made with its pool", async () => {
    await expect(runHotStatement({} as Database, "every-kind", everyKind(1))).rejects.toThrow(/pool is unknown/);
  });
});
