// What Spool recorded, read straight from PostgreSQL (not through Spool), for the reconcile.
import pg from "pg";
import { ORPHANED_MESSAGE } from "../../src/server/attempts/orphaned-message";

export type RecordedAttempt = {
  id: string;
  idempotencyKey: string;
  status: string;
  threadId: string | null;
  nonce: string | null;
  /** Ended by Spool's sweep: its process died (or stalled) before the upstream answered. */
  swept: boolean;
  /** Ended UNKNOWN by a sweep at some point, whatever it became after (`swept_at`). */
  everSwept: boolean;
};
export type RecordedThread = { id: string; nonce: string | null };
export type DatabaseRecord = { attempts: RecordedAttempt[]; threads: RecordedThread[] };

export async function readDatabaseRecord(url: string): Promise<DatabaseRecord> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const attempts = await client.query<RecordedAttempt>(
      `SELECT id::text AS id, idempotency_key AS "idempotencyKey", swept_at IS NOT NULL AS "everSwept", status::text AS status, thread_id AS "threadId",
              request->'metadata'->>'fault_nonce' AS nonce, coalesce(error_message = $1, false) AS swept
       FROM create_attempts`,
      [ORPHANED_MESSAGE],
    );
    const threads = await client.query<RecordedThread>(`SELECT id, metadata->>'fault_nonce' AS nonce FROM threads`);
    return { attempts: attempts.rows, threads: threads.rows };
  } finally {
    await client.end();
  }
}

/** Attempts still PENDING: after the sweep there must be none. */
export async function countPending(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) FROM create_attempts WHERE status = 'PENDING'`);
    return Number(result.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}
