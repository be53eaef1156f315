import { defineConfig } from "prisma/config";

// The URL only matters to CLI commands that talk to the database; `prisma generate`
// runs at install time, before any database exists.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/spool" },
});
