import { TRPCError } from "@trpc/server";
import pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/server/prisma";
import { describeServerFault, isDatabaseUnavailable } from "~/server/server-fault";
import { freePort } from "~/test/free-port";

describe("describeServerFault", () => {
  it("recognises a database that refuses connections and says so without internals", async () => {
    const port = await freePort();
    const db = createPrismaClient(`postgresql://spool:secret-password@127.0.0.1:${port}/spool`);
    const error = await db.thread.findMany().then(
      () => null,
      (caught: unknown) => caught,
    );
    await db.$disconnect();

    expect(isDatabaseUnavailable(error)).toBe(true);
    const message = describeServerFault(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }));
    expect(message).toBe("Spool's database is unreachable right now. Try again in a moment.");
    expect(message).not.toContain("secret-password");
  });

  it("recognises a connection the database cut (a restart) that is still used afterwards", async () => {
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    // Every error the cut raises, not just the first: an unheard one fails the run.
    const cut = new Promise<void>((resolve) => victim.on("error", () => resolve()));
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await admin.end();
    await cut;

    const error = await victim.query("SELECT 1").then(
      () => null,
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toMatch(/not queryable/);
    expect(isDatabaseUnavailable(error)).toBe(true);
    await victim.end().catch(() => {});
  });

  it("recognises Prisma's 'Server has closed the connection' (P1017), as a restart mid-query raises it", () => {
    const error = new Prisma.PrismaClientKnownRequestError("Server has closed the connection.", {
      code: "P1017",
      clientVersion: Prisma.prismaVersion.client,
    });
    expect(isDatabaseUnavailable(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }))).toBe(true);
  });

  it("gives any other failure a generic sentence instead of its message", () => {
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("column \"x\" does not exist") });
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(describeServerFault(error)).not.toContain("column");
  });
});
