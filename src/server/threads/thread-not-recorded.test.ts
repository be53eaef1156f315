import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/server/prisma";
import { ThreadNotRecordedError } from "~/server/threads/thread-service";
import { freePort } from "~/test/free-port";

describe("ThreadNotRecordedError", () => {
  it("is a 503 naming the upstream thread when the database stayed away past the retries", async () => {
    const db = createPrismaClient(`postgresql://spool:spool@127.0.0.1:${await freePort()}/spool`);
    const refused = await db.thread.findMany().then(
      () => null,
      (caught: unknown) => caught,
    );
    await db.$disconnect();

    const error = new ThreadNotRecordedError("thread_abc", refused);
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(getHTTPStatusCodeFromError(error)).toBe(503);
    expect(error.message).toMatch(/thread_abc was created upstream.*import it by id/);
  });

  it("stays a 500 when the database answered but refused the thread", () => {
    const error = new ThreadNotRecordedError("thread_abc", new Error("value too long for type character varying(64)"));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(getHTTPStatusCodeFromError(error)).toBe(500);
    expect(error.message).toContain("thread_abc");
  });
});
