import "server-only";
import { parseEnv, serverEnvSchema, type ServerEnv } from "~/config/env-schema";

let cached: ServerEnv | undefined;

/** Validated lazily, at first use: `next build` imports server modules without a database. */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(serverEnvSchema, process.env);
  return cached;
}
