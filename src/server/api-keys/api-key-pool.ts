import "server-only";
import pg from "pg";

/**
 * The key lookup's own small pool. Every `/v1` request looks its key up, and through Prisma
 * that one indexed read cost four to five times a prepared statement on node-postgres
 * (measured under load 17: 15 ms against 3 ms a lookup, 3 ms against 0.6 ms of CPU), most of a
 * pass-through's time. One per process, on globalThis, where the `/v1` route (Next.js's
 * bundle, which loads `pg` from node_modules: serverExternalPackages) and the pass-through
 * (Spool's HTTP server) both find it.
 */
const CONNECTIONS = 4;

const globalForKeys = globalThis as unknown as { spoolApiKeyPool?: pg.Pool };

export function apiKeyPool(databaseUrl: string): pg.Pool {
  if (!globalForKeys.spoolApiKeyPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS, idleTimeoutMillis: 30_000 });
    // An idle connection cut by a database restart is an event, not a crash; the next query reconnects.
    pool.on("error", (error) => console.error("[spool] API key connection lost:", error.message));
    globalForKeys.spoolApiKeyPool = pool;
  }
  return globalForKeys.spoolApiKeyPool;
}
