import { inject } from "vitest";

// Server modules read their configuration from the environment, as in production.
process.env.DATABASE_URL = inject("databaseUrl");
