import "server-only";
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import type pg from "pg";
import { apiKeyPool } from "~/server/api-keys/api-key-pool";
import { serverEnv } from "~/server/env";
import { upstreamCallLimit, type UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { SECURITY_HEADERS } from "~/server/security/security-headers.mjs";
import { authenticateGatewayCaller } from "./gateway-auth";
import { PASS_THROUGH_BODY_MAX_BYTES } from "./gateway-limits";
import { gatewayRouteFor } from "./gateway-route";
import { tooLarge } from "./request-body";
import { serviceErrorResponse } from "./service-error-response";
import { eventStreamCacheControl, isForwardedRequestHeader, isReturnedResponseHeader, upstreamUnreachable } from "./upstream-forward";

/**
 * The gateway's pass-through, served by Spool's HTTP server (scripts/next-server.ts) before
 * Next.js: Next.js's request handling alone costs about 10 ms a request, ten times what the
 * upstream takes to answer a `GET /v1/threads/{id}`. Same key check, same headers, same error
 * answers as the `/v1` route's pass-through (handle-gateway-request.ts), on Node's own streams:
 * bodies flow both ways as they arrive, never held.
 */
export type PassThrough = {
  /** Serves `request` and says so when it is a `/v1` pass-through; false: Next.js serves it. */
  take(request: IncomingMessage, response: ServerResponse): boolean;
  close(): Promise<void>;
};

export function createPassThrough(): PassThrough {
  // A key lookup (and, once a minute per key, its last-used time) and one call taken from the
  // key's allowance are all the pass-through asks of the database: the key pool the route uses
  // too (api-key-pool.ts) and the limiter's, no Prisma client.
  let state: { keys: pg.Pool; callLimit: UpstreamCallLimit; upstream: Upstream; apiKey: string } | undefined;
  // Kept-alive connections to the upstream: a new TCP connection per request costs more than the hop.
  const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

  // Configuration at first use, as the route reads it: the server starts before any request needs it.
  const ready = () => {
    if (!state) {
      const env = serverEnv();
      state = {
        keys: apiKeyPool(env.DATABASE_URL),
        callLimit: upstreamCallLimit(env.DATABASE_URL, env.SPOOL_GATEWAY_RATE_LIMIT),
        upstream: upstreamAt(env.OPENAI_BASE_URL, agents),
        apiKey: env.OPENAI_API_KEY,
      };
    }
    return state;
  };

  async function serve(request: IncomingMessage, response: ServerResponse, url: URL) {
    const { keys, callLimit, upstream, apiKey } = ready();
    try {
      // A body declared past the limit is refused without drawing on the allowance, as the
      // route refuses it; any other request draws while its key is looked up (gateway-auth.ts).
      const tooLong = Number(request.headers["content-length"]) > PASS_THROUGH_BODY_MAX_BYTES;
      const caller = await authenticateGatewayCaller(keys, request.headers.authorization, tooLong ? undefined : callLimit);
      if ("refusal" in caller) return await answerWith(response, caller.refusal);
      if (tooLong) throw tooLarge(PASS_THROUGH_BODY_MAX_BYTES);
      forward(request, response, url, upstream, apiKey);
    } catch (error) {
      await answerWith(response, serviceErrorResponse(error, null, apiKey));
    }
  }

  function forward(request: IncomingMessage, response: ServerResponse, url: URL, target: Upstream, apiKey: string) {
    if (!target.agent) throw upstreamUnreachable();
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && isForwardedRequestHeader(name)) headers[name] = value;
    }
    headers.authorization = `Bearer ${apiKey}`;
    const streamedBody = request.headers["transfer-encoding"] !== undefined;
    // Node frames a GET's or DELETE's body only when told to; a body of unknown length is chunked.
    if (streamedBody) headers["transfer-encoding"] = "chunked";

    let refused = false;
    // As upstreamUrl() maps it: `/v1/…` under the upstream's base path, the query kept as sent.
    const path = target.basePath + url.pathname.slice("/v1".length) + url.search;
    const upstream = target.client.request({ ...target.origin, path, method: request.method, headers, agent: target.agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, returnedHeaders(answer));
      // Chunk by chunk as it arrives, held back only while the caller is slow to read. Either
      // side gone ends the other: a caller that leaves closes the upstream request (below), an
      // upstream that breaks off cuts the caller's answer as it was cut.
      answer.on("data", (chunk: Buffer) => {
        if (!response.write(chunk)) answer.pause();
      });
      response.on("drain", () => answer.resume());
      answer.on("end", () => response.end());
      answer.on("close", () => {
        if (!answer.complete) response.destroy();
      });
      answer.on("error", () => response.destroy());
    });
    upstream.on("error", () => {
      if (refused || response.destroyed) return;
      if (response.headersSent) response.destroy();
      else void answerWith(response, serviceErrorResponse(upstreamUnreachable(), null, apiKey));
    });
    response.on("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });

    if (!streamedBody && !(Number(request.headers["content-length"]) > 0)) {
      upstream.end();
      return;
    }
    // The body goes on as it arrives, counted: past the limit, the upstream request is cut and
    // the caller gets the route's 413 (the rest of its body is never read).
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.byteLength;
      if (size > PASS_THROUGH_BODY_MAX_BYTES) {
        refused = true;
        request.pause();
        upstream.destroy();
        if (response.headersSent) response.destroy();
        else void answerWith(response, serviceErrorResponse(tooLarge(PASS_THROUGH_BODY_MAX_BYTES), null, apiKey));
        return;
      }
      if (!upstream.write(chunk)) request.pause();
    });
    upstream.on("drain", () => request.resume());
    request.on("end", () => {
      if (!refused) upstream.end();
    });
  }

  return {
    take(request, response) {
      const raw = request.url ?? "";
      if (!raw.startsWith("/v1/")) return false;
      // Dot segments resolved as Next.js resolves them: `/v1/../api/…` is not the gateway's.
      const url = new URL(raw, "http://spool.invalid");
      if (!url.pathname.startsWith("/v1/") || gatewayRouteFor(request.method ?? "GET", url.pathname).handler !== "pass-through") return false;
      void serve(request, response, url);
      return true;
    },
    async close() {
      // The key pool is the process's, shared with the route: it ends with the process.
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

/** Where requests go, parsed once: the base URL's origin and path, and the agent for its protocol (none: not HTTP). */
type Upstream = { client: typeof http | typeof https; agent: http.Agent | undefined; origin: Pick<http.RequestOptions, "protocol" | "hostname" | "port">; basePath: string };

function upstreamAt(baseURL: string, agents: { "http:": http.Agent; "https:": https.Agent }): Upstream {
  const url = new URL(baseURL);
  const { protocol, hostname, port } = urlToHttpOptions(url);
  return {
    client: url.protocol === "https:" ? https : http,
    agent: agents[url.protocol as keyof typeof agents],
    origin: { protocol, hostname, port },
    basePath: url.pathname.replace(/\/+$/, ""),
  };
}

/** The upstream's headers as the route passes them back, with the security headers every Spool answer carries (next.config.mjs). */
function returnedHeaders(answer: IncomingMessage): string[] {
  const out: string[] = [];
  const sent = new Set<string>();
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!isReturnedResponseHeader(name) || name === "cache-control") continue;
    sent.add(name);
    out.push(raw[i]!, raw[i + 1]!);
  }
  const cacheControl = answer.headers["cache-control"];
  const streamed = eventStreamCacheControl(answer.headers["content-type"], cacheControl);
  if (streamed ?? cacheControl) out.push("cache-control", (streamed ?? cacheControl)!);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!sent.has(name)) out.push(name, value);
  return out;
}

/** One of the gateway's own answers (a refusal, an error), as the route would send it. */
async function answerWith(response: ServerResponse, answer: Response): Promise<void> {
  if (response.destroyed) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = await answer.text();
  const headers: string[] = [];
  answer.headers.forEach((value, name) => headers.push(name, value));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!answer.headers.has(name)) headers.push(name, value);
  response.writeHead(answer.status, headers);
  response.end(body);
}
