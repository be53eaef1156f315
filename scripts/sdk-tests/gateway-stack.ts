// The Spool the gateway scenario runs against, started by the run itself: the production build
// in `.next` (`scripts/spool.ts start`, as production runs it) in real-upstream mode against the
// run's emulator, on a fresh embedded PostgreSQL of its own, with a Spool key made for a fresh
// name by `npm run keys` against that database. The same process helpers as the fault run.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "~/test/free-port";
import { endLeftovers, forgetGroups, rememberGroup } from "../faults/leftovers";
import { startPostgresProcess } from "../faults/postgres-process";
import { createSpoolKey } from "../faults/spool-key";
import { startSpoolProcess } from "../faults/spool-process";
import type { ScenarioTarget } from "./scenario";

const DATA_DIR = path.resolve(".spool/sdks");
/** Not a secret: the emulator only checks that some bearer token is sent. */
const UPSTREAM_KEY = "sk-sdk-tests-upstream";

export type GatewayStack = {
  /** Starts everything; resolves with the scenario's target (Spool's /v1 and the new key). */
  start(): Promise<ScenarioTarget>;
  /** Lines of Spool's own log that hold the Spool key (there must be none). */
  keyLeaks(): string[];
  /** The last lines Spool printed, for a failure message. */
  logTail(lines: number): string[];
  /** Stops whatever has started, in reverse order; safe to call at any point, more than once. */
  stop(): Promise<void>;
};

/** Why the gateway part cannot run on this checkout, or undefined when it can. */
export function gatewayUnavailable(): string | undefined {
  return existsSync(".next/BUILD_ID") ? undefined : "there is no production build in .next (run `npm run test:build` first)";
}

/** A port from `name` in the environment, or a free one (so parallel runs never collide). */
async function portFrom(name: string): Promise<number> {
  const text = process.env[name];
  if (text === undefined || text === "") return freePort();
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a port number`);
  return port;
}

export function gatewayStack(options: { upstreamBaseURL: string; keyName: string; say: (line: string) => void }): GatewayStack {
  const log: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  let secret: string | undefined;
  const remember = (pid: number | undefined) => rememberGroup(DATA_DIR, pid);

  return {
    async start() {
      const started = Date.now();
      const [appPort, pgPort] = [await portFrom("SPOOL_SDK_PORT"), await portFrom("SPOOL_SDK_PG_PORT")];
      await endLeftovers(DATA_DIR);
      rmSync(DATA_DIR, { recursive: true, force: true });
      mkdirSync(DATA_DIR, { recursive: true });

      const postgres = await startPostgresProcess(path.join(DATA_DIR, "postgres"), pgPort, (line) => log.push(line));
      stops.push(postgres.stop);
      const spool = await startSpoolProcess({
        name: "sdks",
        port: appPort,
        log: (line) => log.push(line),
        onStart: remember,
        env: {
          ...process.env,
          NEXT_TELEMETRY_DISABLED: "1",
          DATABASE_URL: postgres.url,
          OPENAI_API_KEY: UPSTREAM_KEY,
          OPENAI_BASE_URL: options.upstreamBaseURL,
          SPOOL_DATA_DIR: DATA_DIR,
          // No sign-in (loopback only): the run reads Spool's list through threads.list.
          SPOOL_AUTH_PROXY_HEADER: "",
        },
      });
      stops.push(spool.stop);
      // `npm run keys -- create NAME` itself, so the command a service's owner runs is what is tested.
      secret = await createSpoolKey({ databaseUrl: postgres.url, keyName: options.keyName, onStart: remember });
      options.say(
        `gateway: Spool ${spool.url} (the .next build, upstream ${options.upstreamBaseURL}), PostgreSQL :${pgPort}, ` +
          `key '${options.keyName}', up in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      );
      return { name: "gateway", baseURL: `${spool.url}/v1`, apiKey: secret, keyName: options.keyName, notRunnable: {} };
    },
    keyLeaks() {
      // The part after what Settings shows (`spool_` + 6) is never printed anywhere.
      const hidden = secret?.slice(12);
      return hidden === undefined ? [] : log.filter((line) => line.includes(hidden));
    },
    logTail(lines) {
      return log.slice(-lines);
    },
    async stop() {
      while (stops.length > 0) await stops.pop()!().catch((error: unknown) => console.error(error));
      forgetGroups(DATA_DIR);
    },
  };
}
