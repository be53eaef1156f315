// One real PostgreSQL per test run: a fresh database on DATABASE_URL's server when
// set, otherwise on an embedded cluster in .spool/test. Dropped when the run ends.
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
  return () => db.close();
}
