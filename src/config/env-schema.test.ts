import { describe, expect, it } from "vitest";
import { describeAccess, isLoopbackHost, launchEnvSchema, parseEnv, serverEnvSchema } from "./env-schema";

const vars = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("who can reach Spool", () => {
  it("listens on 127.0.0.1 when nothing is configured", () => {
    expect(parseEnv(launchEnvSchema, vars({})).HOST).toBe("127.0.0.1");
  });

  it("refuses a non-loopback HOST without sign-in, with a sentence saying what to do", () => {
    expect(() => parseEnv(launchEnvSchema, vars({ HOST: "0.0.0.0" }))).toThrow(
      /HOST=0\.0\.0\.0 would let anyone on the network use Spool without signing in; set SPOOL_AUTH_PROXY_HEADER/,
    );
  });

  it("serves a team on loopback (the proxy on this machine) once a sign-in proxy header is configured", () => {
    const env = parseEnv(launchEnvSchema, vars({ SPOOL_AUTH_PROXY_HEADER: "X-Forwarded-User" }));
    expect(env.SPOOL_AUTH_PROXY_HEADER).toBe("x-forwarded-user");
  });

  it("requires the proxy's secret before serving a team on a network address, naming the variable", () => {
    expect(() => parseEnv(launchEnvSchema, vars({ HOST: "0.0.0.0", SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user" }))).toThrow(
      /SPOOL_AUTH_PROXY_SECRET must be set when HOST=0\.0\.0\.0/,
    );
    const env = parseEnv(launchEnvSchema, vars({ HOST: "0.0.0.0", SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user", SPOOL_AUTH_PROXY_SECRET: "s".repeat(32) }));
    expect(env.SPOOL_AUTH_PROXY_SECRET).toBe("s".repeat(32));
  });

  it("refuses a short or spaced proxy secret, and a secret without the identity header, never echoing it", () => {
    const header = { SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user" };
    expect(() => parseEnv(launchEnvSchema, vars({ ...header, SPOOL_AUTH_PROXY_SECRET: "short-secret-123" }))).toThrow(/at least 32 characters/);
    expect(() => parseEnv(launchEnvSchema, vars({ ...header, SPOOL_AUTH_PROXY_SECRET: `${"a".repeat(20)} ${"b".repeat(20)}` }))).toThrow(
      /printable ASCII without spaces/,
    );
    expect(() => parseEnv(launchEnvSchema, vars({ SPOOL_AUTH_PROXY_SECRET: "c".repeat(40) }))).toThrow(/only works with SPOOL_AUTH_PROXY_HEADER/);
    expect(() => parseEnv(launchEnvSchema, vars({ ...header, SPOOL_AUTH_PROXY_SECRET: "short-secret-123" }))).not.toThrow(/short-secret-123/);
  });

  it("refuses headers a browser or client controls as the identity header", () => {
    expect(() => parseEnv(launchEnvSchema, vars({ SPOOL_AUTH_PROXY_HEADER: "cookie" }))).toThrow(/only your proxy sets/);
    expect(() => parseEnv(launchEnvSchema, vars({ SPOOL_AUTH_PROXY_HEADER: "x user" }))).toThrow(/HTTP header name/);
  });

  it("knows which addresses are loopback", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "spool.example.com", "127.0.0.1.nip.io"]) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("describeAccess", () => {
  it("says at start that Spool without sign-in is reachable from this machine only", () => {
    expect(describeAccess(parseEnv(launchEnvSchema, vars({})))).toMatch(/no sign-in configured: listening on 127\.0\.0\.1 only/);
  });
  it("names the identity header when sign-in is on", () => {
    expect(describeAccess(parseEnv(launchEnvSchema, vars({ SPOOL_AUTH_PROXY_HEADER: "x-forwarded-user" })))).toMatch(
      /x-forwarded-user header set by your sign-in proxy/,
    );
  });
});

describe("serverEnvSchema", () => {
  const launched = { DATABASE_URL: "postgresql://spool@127.0.0.1:5432/spool", OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: "http://127.0.0.1:4010/v1" };

  it("applies the launcher's rule to each variable it shares, the timeout's maximum included", () => {
    expect(() => parseEnv(serverEnvSchema, vars({ ...launched, OPENAI_TIMEOUT_MS: "600001" }))).toThrow(/OPENAI_TIMEOUT_MS must be at most 600000/);
    expect(() => parseEnv(launchEnvSchema, vars({ OPENAI_TIMEOUT_MS: "600001" }))).toThrow(/OPENAI_TIMEOUT_MS must be at most 600000/);
    expect(parseEnv(serverEnvSchema, vars(launched))).toMatchObject({ OPENAI_TIMEOUT_MS: 60_000, SPOOL_CREATE_RATE_LIMIT: 60, SPOOL_UPSTREAM: "remote" });
  });

  it("requires what the launcher always passes on", () => {
    expect(() => parseEnv(serverEnvSchema, vars({ OPENAI_API_KEY: launched.OPENAI_API_KEY, OPENAI_BASE_URL: launched.OPENAI_BASE_URL }))).toThrow(/DATABASE_URL/);
  });
});

describe("SPOOL_TRUSTED_PROXIES", () => {
  it("takes addresses and networks, comma-separated", () => {
    const env = parseEnv(launchEnvSchema, vars({ SPOOL_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1,::1 , fd00::/8" }));
    expect(env.SPOOL_TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8"]);
    expect(parseEnv(launchEnvSchema, vars({})).SPOOL_TRUSTED_PROXIES).toEqual([]);
  });

  it("refuses anything else, naming the variable and the entry", () => {
    for (const bad of ["proxy.internal", "10.0.0.0/33", "::1/129", "10.0.0.1/8/8", "300.1.1.1"]) {
      expect(() => parseEnv(launchEnvSchema, vars({ SPOOL_TRUSTED_PROXIES: `127.0.0.1,${bad}` }))).toThrow(
        new RegExp(`SPOOL_TRUSTED_PROXIES must list IP addresses or networks.*"${bad.replaceAll(".", "\\.").replaceAll("/", "\\/")}" is neither`),
      );
    }
  });
});
