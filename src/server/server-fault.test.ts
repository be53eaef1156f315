import { TRPCError } from "@trpc/server";
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

  it("gives any other failure a generic sentence instead of its message", () => {
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("column \"x\" does not exist") });
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(describeServerFault(error)).not.toContain("column");
  });
});
