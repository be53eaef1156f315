import { afterEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient, poolOf, WARM_CONNECTIONS } from "./prisma";

afterEach(() => {
  vi.useRealTimers();
});

describe("createPrismaClient's pool", () => {
  it("keeps its warm connections through an idle pause, and closes the others", async () => {
    // The pool's idle timers are the only timers here; advancing them is the pause.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const db = createPrismaClient(process.env.DATABASE_URL!);
    const pool = poolOf(db);
    try {
      const busy = WARM_CONNECTIONS + 2;
      // Held at once, so the pool opens `busy` connections; each names its backend.
      const clients = await Promise.all(Array.from({ length: busy }, () => pool.connect()));
      const pids = await Promise.all(clients.map(async (client) => (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid));
      for (const client of clients) client.release();
      expect(pool.totalCount).toBe(busy);

      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(pool.totalCount).toBe(WARM_CONNECTIONS);
      // The next read reuses a connection that was open before the pause.
      const { rows } = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(pids).toContain(rows[0]!.pid);
    } finally {
      vi.useRealTimers();
      await db.$disconnect();
    }
  });
});
