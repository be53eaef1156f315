// `npm run bench [-- --count 1000000 --iterations 200]`: server time of the dashboard's
// queries, through the tRPC router (createCaller) as pages call it, on a database of
// `--count` threads kept in .spool/bench (seeded on first run, reused afterwards).
// Prints a Markdown report with p50/p95 per query and the EXPLAIN ANALYZE plan of each, then
// the read procedures over HTTP against a production Spool on the same database
// (bench/http-reads.ts; builds `.next` first if it is missing or stale).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { ThreadFilters } from "../src/lib/thread-filters";
import { openDatabase } from "../src/server/db/local-database";
import { createPrismaClient } from "../src/server/prisma";
import { createCaller } from "../src/server/routers/_app";
import { createLimitPool, UpstreamCallLimit } from "../src/server/security/upstream-call-limit";
import { countThreadsQuery } from "../src/server/threads/count-threads";
import { encodeCursor } from "../src/server/threads/list-cursor";
import { findListRows, listThreadsQuery } from "../src/server/threads/list-threads";
import { threadDetailQuery } from "../src/server/threads/thread-detail-query";
import { createAssistantsUpstream } from "../src/server/upstream/assistants-client";
import { httpReadsTable, measureReadsOverHttp, type HttpRead } from "./bench/http-reads";
import { percentile } from "./bench/summary";
import { countArgument } from "./seed-arguments";
import { seedThreads } from "./seed-threads";

const DATA_DIR = path.resolve(".spool/bench");
const PAGE = 25;

type Scenario = {
  name: string;
  target?: string;
  targetMs?: number;
  /** One call per iteration; `i` picks among prepared inputs. */
  run: (i: number) => Promise<unknown>;
  /** The SQL to show EXPLAIN ANALYZE for (one representative input). */
  explain?: () => Promise<string>;
};

async function main() {
  const args = process.argv.slice(2);
  const count = countArgument(args, 1_000_000);
  const iterationsAt = args.indexOf("--iterations");
  const iterations = iterationsAt >= 0 ? Number(args[iterationsAt + 1]) : 200;
  const port = Number(process.env.SPOOL_PG_PORT ?? 54339);
  const say = (line: string) => console.error(`[bench] ${line}`);

  const db = await openDatabase({ dataDir: DATA_DIR, port });
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    if (db.applied.length) {
      // A migration may have rewritten rows (20261202160000 fills an older seed's counts): measure the table, not its dead rows.
      say(`applied ${db.applied.join(", ")}; vacuuming`);
      await admin.query("VACUUM (ANALYZE) threads, thread_messages, thread_events");
    }
    const have = Number((await admin.query<{ n: string }>("SELECT count(*) AS n FROM threads")).rows[0]!.n);
    if (have < count) {
      say(`database has ${have.toLocaleString("en")} threads; seeding ${(count - have).toLocaleString("en")} more (once; reused next time)`);
      await seedThreads(db.url, count - have, ({ done, total, elapsedMs }) =>
        say(`seeded ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${(elapsedMs / 1000).toFixed(0)} s)`),
      );
      // Sets the visibility map too, so count(*) over messages can be index-only.
      await admin.query("VACUUM (ANALYZE) threads, thread_messages, thread_events");
    }
    const total = Number((await admin.query<{ n: string }>("SELECT count(*) AS n FROM threads")).rows[0]!.n);
    say(`${total.toLocaleString("en")} threads; ${iterations} timed calls per query`);

    // As the app makes it: the hot reads run as prepared statements on its pool (db/hot-statement.ts).
    const prisma = createPrismaClient(db.url);
    // Nothing here calls the upstream; the client only completes the context.
    const caller = createCaller({
      db: prisma,
      upstream: createAssistantsUpstream({ apiKey: "bench", baseURL: "http://127.0.0.1:9/v1", timeoutMs: 1000 }),
      headers: new Headers(),
      // Measures Spool without sign-in, as `npm run dev` serves it; nothing here creates.
      viewer: { kind: "open" },
      clientAddress: "local",
      upstreamLimit: new UpstreamCallLimit(createLimitPool(db.url), 1),
    });

    // Inputs spread over the whole table: random threads, and cursors at random depths.
    const sample = (
      await admin.query<{ id: string; created_at: number; creation_seq: number }>(
        `SELECT id, created_at::float8 AS created_at, creation_seq::float8 AS creation_seq FROM threads TABLESAMPLE SYSTEM (1) WHERE deleted_at IS NULL LIMIT ${iterations}`,
      )
    ).rows;
    const at = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const cursors = sample.map((row) => encodeCursor({ order: "newest", createdAt: row.created_at, seq: row.creation_seq }));

    const metadataFilters: ThreadFilters[] = [
      { metadata: [{ key: "team", value: "support" }] },
      { metadata: [{ key: "env", value: "prod" }] },
      { metadata: [{ key: "priority", value: "urgent" }] },
      { metadata: [{ key: "experiment", value: "exp-7" }] },
      { metadata: [{ key: "customer", value: "cus_01234" }] },
      { metadata: [{ key: "team", value: "billing" }, { key: "channel", value: "phone" }] },
      // Adversarial: one match, and none at all. An ordered index walk would read everything.
      { metadata: [{ key: "ticket", value: "T-600000" }] },
      { metadata: [{ key: "team", value: "nobody" }] },
    ];
    const searches: ThreadFilters[] = [
      { search: "refund" },
      { search: "Zephyr" },
      { search: "password reset" },
      { search: "webhook deliveries" },
      { search: "invoice -VAT" },
      { search: "xylophone" },
      { search: "refund", metadata: [{ key: "customer", value: "cus_01234" }] },
    ];
    const explainList = (filters: ThreadFilters, cursor?: string) => async () => {
      const input = { ...filters, limit: PAGE, cursor: cursor ? decode(cursor) : null };
      const { strategy } = await findListRows(prisma, input);
      const walk = `-- walk${strategy === "walk" ? " (filled the page)" : " (did not fill the page)"}\n${await explain(admin, listThreadsQuery(input, "walk"))}`;
      return strategy === "walk" ? walk : `${walk}\n\n-- then gather\n${await explain(admin, listThreadsQuery(input, "gather"))}`;
    };

    const scenarios: Scenario[] = [
      {
        name: "List, first page (newest first)",
        target: "< 25 ms",
        targetMs: 25,
        run: () => caller.threads.list({ limit: PAGE }),
        explain: explainList({}),
      },
      {
        name: "List, next page (cursor at a random depth)",
        target: "< 25 ms",
        targetMs: 25,
        run: (i) => caller.threads.list({ limit: PAGE, cursor: at(cursors, i) }),
        explain: explainList({}, at(cursors, Math.floor(cursors.length / 2))),
      },
      {
        name: "List, first page (oldest first)",
        target: "< 25 ms",
        targetMs: 25,
        run: () => caller.threads.list({ limit: PAGE, filters: { order: "oldest" } }),
        explain: explainList({ order: "oldest" }),
      },
      ...metadataFilters.map(
        (filters): Scenario => ({
          name: `Metadata filter ${filters.metadata!.map(({ key, value }) => `${key}=${value}`).join(" & ")}`,
          target: "< 100 ms",
          targetMs: 100,
          run: () => caller.threads.list({ limit: PAGE, filters }),
          explain: explainList(filters),
        }),
      ),
      {
        name: "Metadata filter team=support, next page",
        target: "< 100 ms",
        targetMs: 100,
        run: (i) => caller.threads.list({ limit: PAGE, cursor: at(cursors, i), filters: metadataFilters[0]! }),
        explain: explainList(metadataFilters[0]!, at(cursors, Math.floor(cursors.length / 2))),
      },
      {
        name: "Thread page (byId: thread, messages, activity)",
        target: "< 25 ms",
        targetMs: 25,
        run: (i) => caller.threads.byId({ id: at(sample, i).id }),
        explain: () => explain(admin, threadDetailQuery(at(sample, 0).id)),
      },
      ...searches.map(
        (filters): Scenario => ({
          name: `Text search "${filters.search}"${filters.metadata ? ` & ${filters.metadata.map(({ key, value }) => `${key}=${value}`).join(" & ")}` : ""}`,
          target: "reported",
          run: () => caller.threads.list({ limit: PAGE, filters }),
          explain: explainList(filters),
        }),
      ),
      {
        name: "Created by one person",
        target: "reported",
        run: () => caller.threads.list({ limit: PAGE, filters: { createdBy: "grace.1@example.com" } }),
        explain: explainList({ createdBy: "grace.1@example.com" }),
      },
      {
        name: "Created in one month",
        target: "reported",
        run: () => caller.threads.list({ limit: PAGE, filters: { createdFrom: monthsAgo(6), createdTo: monthsAgo(5) } }),
        explain: explainList({ createdFrom: monthsAgo(6), createdTo: monthsAgo(5) }),
      },
      {
        name: "Deleted only",
        target: "reported",
        run: () => caller.threads.list({ limit: PAGE, filters: { deleted: "only" } }),
        explain: explainList({ deleted: "only" }),
      },
      // The total above the list: exact up to 10,000, then "10,000+".
      ...([{}, metadataFilters[0]!, metadataFilters[6]!, searches[0]!, searches[5]!] as ThreadFilters[]).map(
        (filters): Scenario => ({
          name: `Count above the list${Object.keys(filters).length ? ` (${describeFilters(filters)})` : " (all threads)"}`,
          target: "< 25 ms",
          targetMs: 25,
          run: () => caller.threads.count({ filters }),
          explain: () => explain(admin, countThreadsQuery(filters)),
        }),
      ),
    ];

    const results: { scenario: Scenario; p50: number; p95: number; max: number }[] = [];
    for (const scenario of scenarios) {
      for (let i = 0; i < 10; i++) await scenario.run(i); // warm the pool and caches
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        await scenario.run(i);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const result = { scenario, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)! };
      results.push(result);
      say(`${scenario.name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
    }

    const httpReads: HttpRead[] = [
      { name: "`threads.list`, first page", procedure: "threads.list", input: () => ({ limit: PAGE }), status: 200 },
      {
        name: "`threads.list`, filtered page (team=support)",
        procedure: "threads.list",
        input: () => ({ limit: PAGE, filters: metadataFilters[0]! }),
        status: 200,
      },
      { name: "`threads.byId`, a thread", procedure: "threads.byId", input: (i) => ({ id: at(sample, i).id }), status: 200 },
      {
        name: "`threads.byId`, an unknown id",
        procedure: "threads.byId",
        input: (i) => ({ id: `thread_benchUnknown${String(i).padStart(8, "0")}` }),
        status: 404,
      },
    ];
    const httpResults = await measureReadsOverHttp({ databaseUrl: db.url, reads: httpReads, iterations, say });

    const plans: string[] = [];
    for (const scenario of scenarios) {
      if (scenario.explain) plans.push(`### ${scenario.name}\n\n\`\`\`\n${await scenario.explain()}\n\`\`\``);
    }
    const report = [
      `Threads: ${total.toLocaleString("en")} · ${iterations} timed calls per query · PostgreSQL ${(await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version} · Node ${process.version}`,
      "",
      "| Query | p50 | p95 | max | Target | |",
      "| --- | ---: | ---: | ---: | --- | --- |",
      ...results.map(
        ({ scenario, p50, p95, max }) =>
          `| ${scenario.name} | ${p50.toFixed(1)} ms | ${p95.toFixed(1)} ms | ${max.toFixed(1)} ms | ${scenario.target ?? ""} | ${
            scenario.targetMs === undefined ? "" : p95 < scenario.targetMs ? "✅" : "❌"
          } |`,
      ),
      "",
      "## The read procedures over HTTP (production Spool, tRPC GET, one call at a time)",
      "",
      ...httpReadsTable(httpResults),
      "",
      "## Query plans (EXPLAIN ANALYZE, BUFFERS)",
      "",
      ...plans,
    ].join("\n");
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(path.join(DATA_DIR, "report.md"), `${report}\n`);
    console.log(report);
    say(`report also written to ${path.relative(process.cwd(), path.join(DATA_DIR, "report.md"))}`);
    await prisma.$disconnect();
  } finally {
    await admin.end();
    await db.close();
  }
}

function decode(cursor: string) {
  const [order, createdAt, seq] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as ["newest" | "oldest", number, number];
  return { order, createdAt, seq };
}

function monthsAgo(months: number): string {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months, 1);
  return date.toISOString().slice(0, 10);
}

async function explain(client: pg.Client, query: ReturnType<typeof listThreadsQuery>): Promise<string> {
  return `${query.text.replace(/\s+/g, " ").trim()}\n${await explainWithParams(client, query.text, query.values)}`;
}

async function explainWithParams(client: pg.Client, query: string, params: unknown[]): Promise<string> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, params);
  return `-- params: ${JSON.stringify(params)}\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}`;
}

main().catch((error: unknown) => {
  console.error("[bench] failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

function describeFilters(filters: ThreadFilters): string {
  const parts = (filters.metadata ?? []).map(({ key, value }) => `${key}=${value}`);
  if (filters.search) parts.unshift(`search "${filters.search}"`);
  return parts.join(" & ");
}
