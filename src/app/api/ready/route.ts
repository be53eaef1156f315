// Readiness for load balancers: database reachable, migrations applied, lease held. Open
// without sign-in (src/proxy.ts); why it is not ready goes to the server log, not the answer.
import { defaultMigrationsDir } from "~/server/db/migrate";
import { leaseHeld } from "~/server/attempts/instance-lease";
import { checkReadiness } from "~/server/health/readiness";
import { probeResponse } from "~/server/health/probe-response";
import { prisma } from "~/server/prisma";

export const dynamic = "force-dynamic";

let lastFailure: string | null = null;

export async function GET() {
  const readiness = await checkReadiness({ db: prisma(), migrationsDir: defaultMigrationsDir, leaseHeld });
  const failure = readiness.ready ? null : readiness.failed;
  // Logged when it changes, not on every probe.
  if (failure !== lastFailure) console.log(`[spool] ready check: ${failure ? `not ready (${failure})` : "ready"}`);
  lastFailure = failure;
  return probeResponse(readiness.ready ? "ready" : "unavailable");
}
