// Ad-hoc profile of the create service path in one process: the router (createCaller), the
// service, Prisma and the emulator over HTTP; no Next.js. Prints latency, throughput and the
// SQL statements one create sends. Run with `node --cpu-prof` for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=.spool/profiles --conditions=react-server --import tsx scripts/profile-create.ts --count 2000
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { startEmulator } from "../src/emulator/server";
import { PrismaClient } from "../src/generated/prisma/client";
import { createContextInner } from "../src/server/context";
import { openDatabase } from "../src/server/db/local-database";
import { createCaller } from "../src/server/routers/_app";
import { createLimitPool, UpstreamCallLimit } from "../src/server/security/upstream-call-limit";
import { createAssistantsUpstream } from "../src/server/upstream/assistants-client";
import { freePort } from "../src/test/free-port";

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const count = option("--count", 1000);
  const concurrency = option("--concurrency", 16);
  const db = await openDatabase({ dataDir: ".spool/profile", port: await freePort(), scratch: "spool_profile" });
  const emulator = await startEmulator();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }), log: [{ emit: "event", level: "query" }] });
  let statements = 0;
  prisma.$on("query", () => statements++);
  const caller = createCaller(
    createContextInner({
      db: prisma,
      upstream: createAssistantsUpstream({ apiKey: "profile", baseURL: emulator.baseURL, timeoutMs: 5_000 }),
      headers: new Headers(),
      viewer: { kind: "open" },
      clientAddress: "local",
      upstreamLimit: new UpstreamCallLimit(createLimitPool(db.url), 1_000_000),
    }),
  );
  const create = (i: number) =>
    caller.threads.create({
      idempotencyKey: randomUUID(),
      request: { messages: [{ role: "user", content: `hello ${i}` }, { role: "assistant", content: [{ type: "text", text: "hi" }] }], metadata: { run: "profile", i: String(i) } },
    });
  try {
    for (let i = 0; i < 50; i++) await create(i); // warm up
    statements = 0;
    await create(-1);
    const perCreate = statements;
    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const begun = performance.now();
          await create(i);
          times.push(performance.now() - begun);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`${count} creates at concurrency ${concurrency}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, ${Math.round(count / seconds)} creates/s; ${perCreate} SQL statements per create`);
  } finally {
    await prisma.$disconnect();
    await emulator.close();
    await db.close();
  }
}

void main();
