import { randomUUID } from "node:crypto";
import { TRPCError, type inferProcedureInput } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import type { RunningEmulator } from "~/emulator/server";
import type { Prisma } from "~/generated/prisma/client";
import { issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import { createCaller, type AppRouter } from "~/server/routers/_app";
import { countThreads, countThreadsQuery } from "~/server/threads/count-threads";
import { encodeCursor } from "~/server/threads/list-cursor";
import { listThreadsQuery, type ListStrategy } from "~/server/threads/list-threads";
import { writeMessageColumns } from "~/test/message-columns";
import { rejection } from "~/test/trpc-rejection";
import { contextFor, nonce, startTestEmulator, testDb } from "~/test/test-stack";

type ListInput = inferProcedureInput<AppRouter["threads"]["list"]>;
type Filters = NonNullable<ListInput["filters"]>;

let emulator: RunningEmulator;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  caller = createCaller(contextFor(emulator.baseURL));
});
afterAll(async () => {
  await emulator.close();
});

const DAY = 86_400;
const BASE = Date.UTC(2025, 0, 15) / 1000; // 2025-01-15T00:00:00Z

/** A stored thread with chosen sort key and fields, written as the app writes one. */
async function storeThread(fields: {
  createdAt: number;
  metadata: Record<string, string>;
  createdBy?: string;
  deletedAt?: Date;
  text?: string;
}) {
  const id = `thread_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
  await testDb().$transaction(async (tx) => {
    await tx.thread.create({
      data: {
        id,
        createdAt: fields.createdAt,
        metadata: fields.metadata,
        request: {},
        response: { id, object: "thread", created_at: fields.createdAt, metadata: fields.metadata } as Prisma.InputJsonValue,
        createdBy: fields.createdBy,
        deletedAt: fields.deletedAt,
        messageCount: fields.text ? 1 : 0,
        lastActivityAt: new Date(fields.createdAt * 1000),
        messages: fields.text ? { create: [{ position: 0, role: "user", content: fields.text }] } : undefined,
      },
    });
    await writeMessageColumns(tx, id);
  });
  return id;
}

/** Every id the list returns for `filters`, page by page, checking each page's size. */
async function collect(filters: Filters, limit = 3, between?: () => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof caller.threads.list>> = await caller.threads.list({ limit, cursor, filters });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    await between?.();
  } while (cursor);
  return seen;
}

async function expectBadRequest(promise: Promise<unknown>, message: RegExp) {
  expect((await rejection(promise, "BAD_REQUEST")).message).toMatch(message);
}

describe("threads.list pagination", () => {
  it("pages newest first by created time, threads of one second in the order they were created, with no duplicates or gaps", async () => {
    const run = nonce();
    // Three threads share one second: they keep the order they were recorded in, not their (random) ids'.
    const ids = [
      await storeThread({ createdAt: BASE, metadata: { run } }),
      await storeThread({ createdAt: BASE + 1, metadata: { run } }),
      await storeThread({ createdAt: BASE + 1, metadata: { run } }),
      await storeThread({ createdAt: BASE + 1, metadata: { run } }),
      await storeThread({ createdAt: BASE + 2, metadata: { run } }),
    ];
    const expected = [ids[4], ids[3], ids[2], ids[1], ids[0]];

    expect(await collect({ metadata: [{ key: "run", value: run }] }, 2)).toEqual(expected);
    expect(await collect({ metadata: [{ key: "run", value: run }], order: "oldest" }, 2)).toEqual([...expected].reverse());
  });

  it("stays exact while new threads arrive between pages", async () => {
    const run = nonce();
    const now = Math.floor(Date.now() / 1000);
    const before: string[] = [];
    for (let i = 0; i < 10; i++) before.push(await storeThread({ createdAt: now - 100 + Math.floor(i / 3), metadata: { run } }));
    const filters: Filters = { metadata: [{ key: "run", value: run }] };

    const arrived: string[] = [];
    const arrive = async () => {
      arrived.push(await storeThread({ createdAt: now + arrived.length, metadata: { run } }));
    };
    const newestFirst = await collect(filters, 3, arrive);
    // Newest first: arrivals land above the pages already read, so the walk sees exactly the old set.
    expect(newestFirst).toHaveLength(before.length);
    expect(new Set(newestFirst)).toEqual(new Set(before));

    // Oldest first: arrivals land ahead of the cursor, so the walk reads each of them once,
    // in order: everything stored except the one that arrived after the last page.
    const oldestFirst = await collect({ ...filters, order: "oldest" }, 3, arrive);
    const everything = (await collect(filters, 100)).reverse();
    expect(everything).toHaveLength(before.length + arrived.length);
    expect(oldestFirst).toEqual(everything.slice(0, -1));
  });

  it("finds the same page whether it walks the sort index or gathers matches first", async () => {
    const run = nonce();
    for (let i = 0; i < 7; i++) await storeThread({ createdAt: BASE + Math.floor(i / 2), metadata: { run }, text: `refund ${i}` });
    const page = async (strategy: ListStrategy, order: "newest" | "oldest", cursor: { createdAt: number; seq: number } | null) =>
      testDb().$queryRaw<{ id: string; createdAt: bigint; creationSeq: bigint }[]>(
        listThreadsQuery(
          { metadata: [{ key: "run", value: run }], search: "refunds", order, limit: 3, cursor: cursor && { ...cursor, order } },
          strategy,
        ),
      );
    for (const order of ["newest", "oldest"] as const) {
      const walked = await page("walk", order, null);
      expect(await page("gather", order, null)).toEqual(walked);
      const after = { createdAt: Number(walked[2]!.createdAt), seq: Number(walked[2]!.creationSeq) };
      expect(await page("gather", order, after)).toEqual(await page("walk", order, after));
    }
  });

  it("refuses a malformed cursor with BAD_REQUEST naming the cursor", async () => {
    await expectBadRequest(caller.threads.list({ cursor: "not a cursor!" }), /cursor/);
    await expectBadRequest(caller.threads.list({ cursor: Buffer.from("{}").toString("base64url") }), /cursor/);
    await expectBadRequest(caller.threads.list({ cursor: Buffer.from('["newest",-1,"x"]').toString("base64url") }), /cursor/);
    await expectBadRequest(caller.threads.list({ cursor: "x".repeat(1000) }), /cursor/);
  });

  it("refuses a cursor from the other sort order", async () => {
    const cursor = encodeCursor({ order: "newest", createdAt: BASE, seq: 1 });
    await expectBadRequest(caller.threads.list({ cursor, filters: { order: "oldest" } }), /cursor.*order/);
  });
});

describe("threads.list filters", () => {
  it("counts a metadata filter's length in characters, as a thread's metadata is counted", async () => {
    const key = "😀".repeat(64); // 128 UTF-16 units, 64 characters: a key a thread may hold
    const tag = nonce();
    const id = await storeThread({ createdAt: 1_700_000_000, metadata: { [key]: tag } });
    expect(await collect({ metadata: [{ key, value: tag }] })).toEqual([id]);
    await expectBadRequest(caller.threads.list({ filters: { metadata: [{ key: `${key}😀`, value: tag }] } }), /at most 64 characters/);
  });

  it("filters by several metadata pairs at once, all of which must match", async () => {
    const run = nonce();
    const both = await storeThread({ createdAt: BASE, metadata: { run, team: "support", env: "prod" } });
    await storeThread({ createdAt: BASE, metadata: { run, team: "support", env: "staging" } });
    await storeThread({ createdAt: BASE, metadata: { run, team: "sales", env: "prod" } });

    const ids = await collect({
      metadata: [
        { key: "run", value: run },
        { key: "team", value: "support" },
        { key: "env", value: "prod" },
      ],
    });
    expect(ids).toEqual([both]);
  });

  it("filters by a created-at range, a bare day covering the whole UTC day", async () => {
    const run = nonce();
    const dayBefore = await storeThread({ createdAt: BASE - 1, metadata: { run } });
    const start = await storeThread({ createdAt: BASE, metadata: { run } });
    const end = await storeThread({ createdAt: BASE + DAY - 1, metadata: { run } });
    const nextDay = await storeThread({ createdAt: BASE + DAY, metadata: { run } });
    const metadata = [{ key: "run", value: run }];

    expect(await collect({ metadata, createdFrom: "2025-01-15", createdTo: "2025-01-15" })).toEqual([end, start]);
    expect(await collect({ metadata, createdFrom: "2025-01-15T12:00:00Z" })).toEqual([nextDay, end]);
    expect(await collect({ metadata, createdTo: "2025-01-14" })).toEqual([dayBefore]);
  });

  it("filters by who created the thread", async () => {
    const run = nonce();
    const mine = await storeThread({ createdAt: BASE, metadata: { run }, createdBy: `ada-${run}@example.com` });
    await storeThread({ createdAt: BASE, metadata: { run }, createdBy: "grace@example.com" });
    await storeThread({ createdAt: BASE, metadata: { run } });

    expect(await collect({ createdBy: `ada-${run}@example.com` })).toEqual([mine]);
  });

  it("hides deleted threads unless asked, and can show only them", async () => {
    const run = nonce();
    const live = await storeThread({ createdAt: BASE, metadata: { run } });
    const deletedAt = new Date("2026-11-30T23:59:58.123Z");
    const gone = await storeThread({ createdAt: BASE + 1, metadata: { run }, deletedAt });
    const metadata = [{ key: "run", value: run }];

    expect(await collect({ metadata })).toEqual([live]);
    expect(await collect({ metadata, deleted: "include" })).toEqual([gone, live]);
    expect(await collect({ metadata, deleted: "only" })).toEqual([gone]);
    // Times as Date#toISOString writes them, to the millisecond.
    const [row] = (await caller.threads.list({ filters: { metadata, deleted: "only" } })).items;
    expect(row).toMatchObject({ deletedAt: deletedAt.toISOString(), lastActivityAt: new Date((BASE + 1) * 1000).toISOString() });
    const stored = await testDb().thread.findUniqueOrThrow({ where: { id: gone }, select: { recordedAt: true } });
    expect(row!.recordedAt).toBe(stored.recordedAt.toISOString());
  });

  it("writes every time a Date holds as Date#toISOString does, and none for a column's infinity", async () => {
    const run = nonce();
    const far = await storeThread({ createdAt: BASE, metadata: { run, at: "far" } });
    const endless = await storeThread({ createdAt: BASE + 1, metadata: { run, at: "endless" } });
    await testDb().$executeRaw`UPDATE threads SET last_activity_at = '56203-08-23T07:10:50.850Z' WHERE id = ${far}`;
    await testDb().$executeRaw`UPDATE threads SET last_activity_at = 'infinity' WHERE id = ${endless}`;
    const { items } = await caller.threads.list({ filters: { metadata: [{ key: "run", value: run }] } });
    const lastActivity = new Map(items.map((item) => [item.id, item.lastActivityAt]));
    expect(lastActivity.get(far)).toBe("+056203-08-23T07:10:50.850Z");
    expect(new Date(lastActivity.get(far)!).getUTCFullYear()).toBe(56203);
    expect(lastActivity.get(endless)).toBeNull();
  });

  it("searches message text, matching word forms", async () => {
    const run = nonce();
    const word = `zq${run.replace(/[^a-z]/g, "")}`;
    const refund = await storeThread({ createdAt: BASE, metadata: { run }, text: `Customer ${word} asked about refunds for order 42` });
    await storeThread({ createdAt: BASE, metadata: { run }, text: `Customer ${word} asked about shipping` });
    await storeThread({ createdAt: BASE, metadata: { run }, text: "Nothing to see here" });
    const metadata = [{ key: "run", value: run }];

    expect(await collect({ metadata, search: "refund" })).toEqual([refund]);
    expect((await collect({ metadata, search: word })).sort()).toHaveLength(2);
    expect(await collect({ metadata, search: `${word} -shipping` })).toEqual([refund]);
    expect(await collect({ metadata, search: "zebra" })).toEqual([]);
  });

  it("summarises each row with its message count and the start of its first message", async () => {
    const run = nonce();
    const id = await storeThread({ createdAt: BASE, metadata: { run, team: "qa" }, text: "Where is my parcel?" });
    const page = await caller.threads.list({ filters: { metadata: [{ key: "run", value: run }] } });
    expect(page.items).toEqual([
      expect.objectContaining({ id, createdAt: BASE, metadata: { run, team: "qa" }, messageCount: 1, preview: "Where is my parcel?", origin: "CREATED", deletedAt: null }),
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it("refuses dates outside what Spool stores with BAD_REQUEST naming the field, and takes any date within it", async () => {
    for (const [field, value] of [
      ["createdFrom", "1800-01-01"],
      ["createdFrom", "1969-12-31T23:59:59Z"],
      ["createdTo", "0001-01-01"],
      ["createdTo", "9999-12-31T23:59:59-14:00"],
    ] as const) {
      await expectBadRequest(caller.threads.list({ filters: { [field]: value } }), new RegExp(`\\(${field}\\) must be between 1970-01-01 and 9999-12-31, not ${value}`));
    }
    // Past 2038 (where a 32-bit column ended) and at the far end: a result, not a 500.
    for (const filters of [{ createdTo: "2038-01-20" }, { createdFrom: "2038-01-20" }, { createdTo: "9999-12-31" }, { createdFrom: "1970-01-01", createdTo: "9999-12-31T23:59:59Z" }]) {
      await expect(caller.threads.list({ filters, limit: 1 })).resolves.toHaveProperty("items");
    }
  });

  it("refuses malformed filters with BAD_REQUEST naming the problem", async () => {
    await expectBadRequest(caller.threads.list({ filters: { createdFrom: "yesterday" } }), /createdFrom.*2026-11-24/);
    await expectBadRequest(caller.threads.list({ filters: { createdFrom: "2025-02-01", createdTo: "2025-01-01" } }), /before its start/);
    await expectBadRequest(
      caller.threads.list({ filters: { metadata: [{ key: "a", value: "1" }, { key: "a", value: "2" }] } }),
      /filtered twice/,
    );
    await expectBadRequest(caller.threads.list({ filters: { metadata: [{ key: "k".repeat(65), value: "v" }] } }), /64/);
    await expectBadRequest(caller.threads.list({ filters: { search: "s".repeat(201) } }), /200/);
    await expectBadRequest(caller.threads.list({ filters: { deleted: "maybe" as "only" } }), /deleted/);
    await expectBadRequest(caller.threads.list({ filters: { colour: "red" } as Filters }), /colour/);
  });

  it("refuses filters no stored thread can match (NUL, lone surrogates, reserved keys), naming the field", async () => {
    const refusal = async (filters: Filters) => {
      const error = await caller.threads.list({ filters }).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      return issuesToFieldErrors((error as TRPCError).cause as ZodError);
    };
    expect(await refusal({ search: "a\u0000b" })).toEqual([
      { path: "filters.search", message: "Text cannot contain the NUL character (U+0000): Spool cannot store it." },
    ]);
    expect((await refusal({ createdBy: "\ud800" }))[0]?.path).toBe("filters.createdBy");
    expect((await refusal({ metadata: [{ key: "k", value: "\u0000" }] }))[0]?.path).toBe("filters.metadata[0].value");
    expect(await refusal({ metadata: [{ key: "__proto__", value: "x" }] })).toEqual([
      { path: "filters.metadata[0].key", message: 'Metadata key "__proto__" is reserved: no thread in Spool has it.' },
    ]);
  });
});

describe("threads.count", () => {
  it("counts the threads the list's filters match, deleted ones only when asked", async () => {
    const run = nonce();
    const word = `zq${run.replaceAll("-", "").slice(0, 8)}`;
    await storeThread({ createdAt: BASE, metadata: { run, team: "support" }, text: `refund for ${word}` });
    await storeThread({ createdAt: BASE + 1, metadata: { run, team: "support" } });
    await storeThread({ createdAt: BASE + 2, metadata: { run, team: "sales" } });
    await storeThread({ createdAt: BASE + 3, metadata: { run, team: "support" }, deletedAt: new Date() });
    const metadata = [{ key: "run", value: run }];

    expect(await caller.threads.count({ filters: { metadata } })).toEqual({ count: 3, capped: false });
    expect(await caller.threads.count({ filters: { metadata: [...metadata, { key: "team", value: "support" }] } })).toEqual({ count: 2, capped: false });
    expect(await caller.threads.count({ filters: { metadata, deleted: "include" } })).toEqual({ count: 4, capped: false });
    expect(await caller.threads.count({ filters: { metadata, deleted: "only" } })).toEqual({ count: 1, capped: false });
    expect(await caller.threads.count({ filters: { search: word.slice(0, -2) } })).toEqual({ count: 1, capped: false });
    expect(await caller.threads.count({ filters: { metadata, createdFrom: "2025-01-15T00:00:02Z" } })).toEqual({ count: 1, capped: false });
    await expectBadRequest(caller.threads.count({ filters: { createdFrom: "yesterday" } }), /createdFrom/);
  });

  it("stops counting past the cap and says so, reading at most cap + 1 rows", async () => {
    const run = nonce();
    for (let i = 0; i < 4; i++) await storeThread({ createdAt: BASE + i, metadata: { run } });
    const filters = { metadata: [{ key: "run", value: run }] };
    expect(await countThreads(testDb(), filters, 3)).toEqual({ count: 3, capped: true });
    expect(await countThreads(testDb(), filters, 4)).toEqual({ count: 4, capped: false });
    expect(countThreadsQuery(filters, 3).values).toContain(4);
  });
});

describe("threads.byId", () => {
  it("returns NOT_FOUND naming an unknown id, and BAD_REQUEST for an id that cannot exist", async () => {
    const missing = await caller.threads.byId({ id: "thread_doesnotexist000000000000" }).catch((error: unknown) => error);
    expect((missing as TRPCError).code).toBe("NOT_FOUND");
    expect((missing as TRPCError).message).toContain("thread_doesnotexist000000000000");
    await expectBadRequest(caller.threads.byId({ id: "../../etc" }), /letters, digits/);
  });
});
