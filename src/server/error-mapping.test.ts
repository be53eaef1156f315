import { TRPCError } from "@trpc/server";
import pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "~/server/db/database-unavailable";
import { errorAnswerOf, httpStatusOf, retryAfterSecondsOf } from "~/server/error-mapping";
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  ThreadNotRecordedError,
  UnreadableRequestError,
  UnstorableUpstreamDataError,
  UpstreamError,
} from "~/server/errors";
import { createPrismaClient } from "~/server/prisma";
import { freePort } from "~/test/free-port";

async function refusedConnection(password = "spool"): Promise<unknown> {
  const db = createPrismaClient(`postgresql://spool:${password}@127.0.0.1:${await freePort()}/spool`);
  const error = await db.thread.findMany().then(
    () => null,
    (caught: unknown) => caught,
  );
  await db.$disconnect();
  return error;
}

describe("errorAnswerOf", () => {
  it("gives each Spool error its status, also when a framework wraps it", () => {
    const cases: Array<[Error, number]> = [
      [new InvalidInputError([{ path: ["a"], message: "bad" }]), 400],
      [new UnreadableRequestError("too-large", "big"), 413],
      [new UnreadableRequestError("not-json", "form"), 415],
      [new NotFoundError("none"), 404],
      [new ConflictError("again"), 409],
      [new UnstorableUpstreamDataError("NUL"), 422],
      [new RateLimitedError("slow down", 7), 429],
    ];
    for (const [error, status] of cases) {
      expect(httpStatusOf(error)).toBe(status);
      expect(httpStatusOf(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }))).toBe(status);
      expect(errorAnswerOf(error).message).toBe(error.message);
    }
    expect(retryAfterSecondsOf(new RateLimitedError("slow down", 7))).toBe(7);
  });

  it("maps upstream outcomes: refusals passed on, failures as a gateway's, waits as Retry-After", () => {
    const upstream = (failure: ConstructorParameters<typeof UpstreamError>[0]) => errorAnswerOf(new UpstreamError(failure, "attempt-1"));
    expect(upstream({ outcome: "FAILED", status: 400, message: "bad" }).code).toBe("UNPROCESSABLE_CONTENT");
    expect(upstream({ outcome: "FAILED", status: 401, message: "key" }).code).toBe("BAD_GATEWAY");
    expect(upstream({ outcome: "FAILED", status: null, message: "unreachable" }).code).toBe("BAD_GATEWAY");
    expect(upstream({ outcome: "UNKNOWN", status: 503, message: "5xx" }).code).toBe("BAD_GATEWAY");
    expect(upstream({ outcome: "UNKNOWN", status: null, message: "timeout" }).code).toBe("GATEWAY_TIMEOUT");
    const limited = upstream({ outcome: "FAILED", status: 429, message: "later", safeRetryAfterMs: 1_200 });
    expect(limited).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429, retryAfterSeconds: 2 });
  });

  it("answers a database that refuses connections with 503 and a sentence without internals", async () => {
    const error = await refusedConnection("secret-password");
    expect(isDatabaseUnavailable(error)).toBe(true);
    const answer = errorAnswerOf(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }));
    expect(answer).toMatchObject({ status: 503, message: "Spool's database is unreachable right now. Try again in a moment." });
    expect(answer.message).not.toContain("secret-password");
  });

  it("gives any other failure a 500 with a generic sentence instead of its message", () => {
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error('column "x" does not exist') });
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(errorAnswerOf(error).status).toBe(500);
    expect(errorAnswerOf(error).message).not.toContain("column");
  });

  it("answers a thread created upstream but not recorded with 503 while the database is away, naming the thread", async () => {
    const away = new ThreadNotRecordedError("thread_abc", await refusedConnection());
    expect(errorAnswerOf(away)).toMatchObject({ status: 503, message: expect.stringMatching(/thread_abc was created upstream.*import it by id/) });
    const refused = new ThreadNotRecordedError("thread_abc", new Error("value too long for type character varying(64)"));
    expect(errorAnswerOf(refused)).toMatchObject({ status: 500, message: expect.stringContaining("thread_abc") });
  });
});

describe("isDatabaseUnavailable", () => {
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

  it("recognises a transaction the busy pool could not run in time (P2028), which was rolled back", async () => {
    const db = createPrismaClient(process.env.DATABASE_URL!);
    const error = await db
      .$transaction(
        async (tx) => {
          // The request's work outlives the transaction's timeout, as on a starved machine.
          await new Promise((resolve) => setTimeout(resolve, 400));
          return tx.$queryRaw`SELECT 1`;
        },
        { timeout: 100 },
      )
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    await db.$disconnect();
    expect((error as { code?: string }).code).toBe("P2028");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
