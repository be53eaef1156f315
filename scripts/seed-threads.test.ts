import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../src/server/db/databases";
import { applyMigrations } from "../src/server/db/migrate";
import { Prisma } from "../src/generated/prisma/client";
import { messagePreview } from "../src/server/threads/message-preview";
import { seedThreads } from "./seed-threads";

// A database of its own: seeded threads must not show up in other test files' lists.
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL!, "spool_seed");
  await applyMigrations(scratch.url);
  await seedThreads(scratch.url, 400);
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await scratch.drop();
});

/** Threads whose stored preview is not what message-preview.ts computes from their stored messages, and how many have one at all. */
async function previewTally(): Promise<{ wrong: number; withPreview: number; threads: number }> {
  const expected = messagePreview(Prisma.sql`(SELECT "position", content FROM thread_messages WHERE thread_id = t.id)`);
  const { rows } = await client.query(
    `SELECT count(*) FILTER (WHERE t.preview IS DISTINCT FROM ${expected.text})::int AS wrong,
            count(t.preview)::int AS "withPreview", count(*)::int AS threads
       FROM threads t`,
    expected.values,
  );
  return rows[0];
}

type Tally = { origin: "CREATED" | "IMPORTED"; threads: number; right: number; empty: number };

/** Per origin: how many threads there are, how many hold the count and last activity Spool's own writes would give them, how many have no messages. */
async function tally(): Promise<Tally[]> {
  const { rows } = await client.query<Tally>(`
    SELECT t.origin::text AS origin, count(*)::int AS threads,
           count(*) FILTER (WHERE CASE WHEN t.origin = 'CREATED'
             THEN t.message_count = (SELECT count(*) FROM thread_messages m WHERE m.thread_id = t.id)
                  AND t.last_activity_at = to_timestamp(t.created_at)
             ELSE t.message_count IS NULL AND t.last_activity_at IS NULL END)::int AS right,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM thread_messages m WHERE m.thread_id = t.id))::int AS empty
      FROM threads t GROUP BY t.origin ORDER BY t.origin`);
  return rows;
}

describe("seedThreads", () => {
  it("gives each created thread its message count and last activity as Spool's create does, and leaves an imported thread's unknown", async () => {
    const [created, imported] = await tally();
    expect(created).toMatchObject({ origin: "CREATED", right: created!.threads });
    expect(imported).toMatchObject({ origin: "IMPORTED", right: imported!.threads });
    expect(created!.threads + imported!.threads).toBe(400);
    // Both kinds, and created threads without messages (a count of 0, not unknown), are in the sample.
    expect(imported!.threads).toBeGreaterThan(0);
    expect(created!.empty).toBeGreaterThan(0);
  });
});

describe("the list's stored preview", () => {
  it("is, for every seeded thread, what Spool's record step computes from its messages", async () => {
    const { wrong, withPreview, threads } = await previewTally();
    expect(wrong).toBe(0);
    // Most threads have one; imported and message-less ones have none.
    expect(withPreview).toBeGreaterThan(threads / 2);
    expect(withPreview).toBeLessThan(threads);
  });

  it("is filled for older threads by migration 20261202170000_thread_preview, as the record step computes it", async () => {
    const migration = readFileSync("prisma/migrations/20261202170000_thread_preview/migration.sql", "utf8");
    // Content parts whose text is not first, and a text longer than the preview, as the composer can send.
    await client.query(`UPDATE thread_messages SET content = jsonb_build_array(jsonb_build_object('type', 'image_file', 'image_file', jsonb_build_object('file_id', 'file-1')), jsonb_build_object('type', 'text', 'text', repeat('é', 200)))
                         WHERE "position" = 0 AND thread_id IN (SELECT id FROM threads WHERE origin = 'CREATED' ORDER BY id LIMIT 20)`);
    await client.query(`ALTER TABLE threads DROP COLUMN preview`);
    await client.query(migration);
    expect(await previewTally()).toMatchObject({ wrong: 0 });
  });
});

describe("migration 20261202160000_seeded_message_counts", () => {
  const migration = readFileSync("prisma/migrations/20261202160000_seeded_message_counts/migration.sql", "utf8");

  it("fills what an older seed left empty, and changes no thread that has its count", async () => {
    // As the seed wrote created threads before it filled the columns; one kept count is set apart.
    const { rows } = await client.query<{ id: string }>(
      `UPDATE threads SET message_count = NULL, last_activity_at = NULL
        WHERE id IN (SELECT id FROM threads WHERE origin = 'CREATED' ORDER BY id LIMIT 50) RETURNING id`,
    );
    expect(rows).toHaveLength(50);
    const kept = await client.query<{ id: string }>(
      `UPDATE threads SET message_count = 99, last_activity_at = '2030-01-01Z' WHERE id = (SELECT id FROM threads WHERE origin = 'CREATED' AND message_count IS NOT NULL ORDER BY id LIMIT 1) RETURNING id`,
    );
    const before = (await tally())[0]!;
    expect(before.right).toBe(before.threads - 51);

    await client.query(migration);
    const [created, imported] = await tally();
    expect(created!.right).toBe(created!.threads - 1);
    expect(imported!.right).toBe(imported!.threads);
    const untouched = await client.query(`SELECT message_count, last_activity_at FROM threads WHERE id = $1`, [kept.rows[0]!.id]);
    expect(untouched.rows).toEqual([{ message_count: 99, last_activity_at: new Date("2030-01-01Z") }]);
  });
});
