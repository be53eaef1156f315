// The environment Spool reads, validated with zod. Shared by the launcher (which
// checks it before starting anything) and the server (src/server/env.ts).
import { isIP } from "node:net";
import { z } from "zod";

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be between 0 and 65535`)
    .max(65535, `${name} must be between 0 and 65535`);

/** An HTTP header name that a sign-in proxy sets, e.g. x-forwarded-user. */
const authProxyHeader = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+$/, "SPOOL_AUTH_PROXY_HEADER must be an HTTP header name, like x-forwarded-user")
  .refine(
    (name) => !["host", "origin", "cookie", "authorization", "x-forwarded-for", "x-forwarded-host"].includes(name),
    "SPOOL_AUTH_PROXY_HEADER must be a header only your proxy sets, like x-forwarded-user",
  );

/** Proves a request came through the sign-in proxy: it adds this in `x-spool-proxy-secret`. */
const authProxySecret = z
  .string()
  .trim()
  .min(32, "SPOOL_AUTH_PROXY_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)")
  .regex(/^[\x21-\x7e]+$/, "SPOOL_AUTH_PROXY_SECRET must be printable ASCII without spaces (e.g. `openssl rand -hex 32`)");

const createRateLimit = z.coerce
  .number({ error: "SPOOL_CREATE_RATE_LIMIT must be a number of upstream calls per minute" })
  .int("SPOOL_CREATE_RATE_LIMIT must be a whole number")
  .min(1, "SPOOL_CREATE_RATE_LIMIT must be at least 1")
  .default(60);

const gatewayRateLimit = z.coerce
  .number({ error: "SPOOL_GATEWAY_RATE_LIMIT must be a number of upstream calls per minute" })
  .int("SPOOL_GATEWAY_RATE_LIMIT must be a whole number")
  .min(1, "SPOOL_GATEWAY_RATE_LIMIT must be at least 1")
  // A service polling a run reads about once a second: 60 would refuse it; 600 leaves room.
  .default(600);

/** One address (`10.0.0.7`, `::1`) or network (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrNetwork(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The proxies (addresses or networks, comma-separated) whose `X-Forwarded-For` Spool
 * believes; without it, the client address is the socket's peer and the header is ignored.
 */
const trustedProxies = z
  .string()
  .transform((text) => text.split(",").map((entry) => entry.trim()).filter(Boolean))
  .superRefine((entries, ctx) => {
    for (const entry of entries.filter((item) => !isAddressOrNetwork(item))) {
      ctx.addIssue({
        code: "custom",
        message: `SPOOL_TRUSTED_PROXIES must list IP addresses or networks, like 10.0.0.0/8,::1 ("${entry.slice(0, 60)}" is neither)`,
      });
    }
  });

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

const httpUrl = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL, like https://host/v1` });

const postgresUrl = (error: string) => z.url({ protocol: /^postgres(ql)?$/, error });

/** Each variable's rule, defined once: the launcher's schema and the server's derive from it. */
const launchEnvShape = z.object({
  DATABASE_URL: postgresUrl("DATABASE_URL must be a postgresql:// URL").optional(),
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  OPENAI_BASE_URL: httpUrl("OPENAI_BASE_URL").optional(),
  OPENAI_TIMEOUT_MS: z.coerce
    .number({ error: "OPENAI_TIMEOUT_MS must be a number of milliseconds" })
    .int("OPENAI_TIMEOUT_MS must be a whole number of milliseconds")
    .min(1000, "OPENAI_TIMEOUT_MS must be at least 1000")
    .max(600_000, "OPENAI_TIMEOUT_MS must be at most 600000")
    .default(60_000),
  PORT: port("PORT").default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  SPOOL_DATA_DIR: z.string().min(1).default(".spool"),
  SPOOL_PG_PORT: port("SPOOL_PG_PORT").default(54329),
  SPOOL_EMULATOR_PORT: port("SPOOL_EMULATOR_PORT").default(0),
  SPOOL_AUTH_PROXY_HEADER: authProxyHeader.optional(),
  SPOOL_AUTH_PROXY_SECRET: authProxySecret.optional(),
  SPOOL_CREATE_RATE_LIMIT: createRateLimit,
  SPOOL_GATEWAY_RATE_LIMIT: gatewayRateLimit,
  SPOOL_TRUSTED_PROXIES: trustedProxies.default([]),
});

/** What a person may set (README's configuration table). */
export const launchEnvSchema = launchEnvShape.superRefine((env, ctx) => {
  // OpenAI's own Assistants API is switched off: a key alone would point the SDK
  // at a server that no longer answers, so the compatible server must be named.
  if (env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["OPENAI_BASE_URL"],
      message: "OPENAI_BASE_URL must be set when OPENAI_API_KEY is (the Assistants-compatible server to use)",
    });
  }
  if (env.SPOOL_AUTH_PROXY_SECRET && !env.SPOOL_AUTH_PROXY_HEADER) {
    ctx.addIssue({
      code: "custom",
      path: ["SPOOL_AUTH_PROXY_SECRET"],
      message: "SPOOL_AUTH_PROXY_SECRET only works with SPOOL_AUTH_PROXY_HEADER (the header that names the signed-in user)",
    });
  }
  // On the network, anyone who reaches the port directly could send the identity header
  // themselves; only the proxy knows the secret, so it proves the request passed through it.
  if (env.SPOOL_AUTH_PROXY_HEADER && !env.SPOOL_AUTH_PROXY_SECRET && !isLoopbackHost(env.HOST)) {
    ctx.addIssue({
      code: "custom",
      path: ["SPOOL_AUTH_PROXY_SECRET"],
      message:
        `SPOOL_AUTH_PROXY_SECRET must be set when HOST=${env.HOST}: anyone who reaches Spool without the proxy could send ` +
        `${env.SPOOL_AUTH_PROXY_HEADER} themselves; have the proxy send the secret in x-spool-proxy-secret`,
    });
  }
  // Without sign-in anyone who can reach the port acts as the team, with its API key.
  if (!env.SPOOL_AUTH_PROXY_HEADER && !isLoopbackHost(env.HOST)) {
    ctx.addIssue({
      code: "custom",
      path: ["HOST"],
      message:
        `HOST=${env.HOST} would let anyone on the network use Spool without signing in; ` +
        "set SPOOL_AUTH_PROXY_HEADER to serve a team behind a sign-in proxy, or leave HOST unset to listen on 127.0.0.1 only",
    });
  }
});

/** What the Next.js server process receives from the launcher: the same rules, with the launcher's choices made. */
export const serverEnvSchema = launchEnvShape
  .pick({ OPENAI_TIMEOUT_MS: true, SPOOL_AUTH_PROXY_HEADER: true, SPOOL_AUTH_PROXY_SECRET: true, SPOOL_CREATE_RATE_LIMIT: true, SPOOL_GATEWAY_RATE_LIMIT: true, SPOOL_TRUSTED_PROXIES: true })
  .extend({
    DATABASE_URL: postgresUrl("DATABASE_URL must be a postgresql:// URL (start Spool with `npm run dev` or `npm start`)"),
    OPENAI_API_KEY: z.string({ error: "OPENAI_API_KEY is missing (start Spool with `npm run dev` or `npm start`)" }).min(1),
    OPENAI_BASE_URL: httpUrl("OPENAI_BASE_URL"),
    SPOOL_UPSTREAM: z.enum(["emulator", "remote"]).default("remote"),
  });

export type LaunchEnv = z.infer<typeof launchEnvSchema>;
export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Who can reach this Spool, said at every start so nobody serves a team by accident. */
export function describeAccess(env: Pick<LaunchEnv, "HOST" | "PORT" | "SPOOL_AUTH_PROXY_HEADER" | "SPOOL_AUTH_PROXY_SECRET">): string {
  if (!env.SPOOL_AUTH_PROXY_HEADER) {
    return `no sign-in configured: listening on ${env.HOST} only, so only this machine can reach Spool (set SPOOL_AUTH_PROXY_HEADER to serve a team)`;
  }
  return (
    `sign-in: each request must carry the ${env.SPOOL_AUTH_PROXY_HEADER} header set by your sign-in proxy` +
    (env.SPOOL_AUTH_PROXY_SECRET ? " and the proxy's secret in x-spool-proxy-secret" : "") +
    `; requests without it are refused. Let only the proxy reach ${env.HOST}:${env.PORT}.`
  );
}

/** Parses `source`, treating empty strings as unset (as .env files often leave them). */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.infer<S> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    // Never echo a value back: it could be a secret.
    return issue.message.includes(name) ? `- ${issue.message}` : `- ${name}: ${issue.message}`;
  });
  throw new InvalidEnvironmentError(`Invalid environment:\n${lines.join("\n")}`);
}

export class InvalidEnvironmentError extends Error {
  override name = "InvalidEnvironmentError";
}
