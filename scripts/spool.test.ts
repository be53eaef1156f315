import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm start", () => {
  it("refuses to listen beyond this machine without sign-in, before starting anything", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/spool.ts", "start"], {
      env: { ...process.env, HOST: "0.0.0.0", SPOOL_AUTH_PROXY_HEADER: "", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/HOST=0\.0\.0\.0 would let anyone on the network use Spool without signing in/);
    expect(run.stdout).not.toMatch(/PostgreSQL/);
  });
});
