import "server-only";
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type pg from "pg";
import { apiKeyPool } from "~/server/api-keys/api-key-pool";
import { serverEnv } from "~/server/env";
import { upstreamCallLimit, type UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { SECURITY_HEADERS } from "~/server/security/security-headers.mjs";
import { admitGatewayCaller, gatewayCredential } from "./gateway-auth";
import { PASS_THROUGH_BODY_MAX_BYTES } from "./gateway-limits";
import { gatewayRouteFor } from "./gateway-route";
import { ReadAhead } from "./read-ahead";
import { tooLarge } from "./request-body";
import { serviceErrorResponse } from "./service-error-response";
import {
  ERROR_ANSWER_MAX_BYTES,
  eventStreamCacheControl,
  forwardedRequestHeader,
  isReturnedResponseHeader,
  readAtMost,
  upstreamUnreachable,
  upstreamUrl,
  withoutUpstreamKey,
  type UpstreamTarget,
} from "./upstream-forward";

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
  // A key lookup with one call taken from the key's allowance, in one statement (and, once a
  // minute per key, its last-used time), is all the pass-through asks of the database: on the
  // key pool the route uses too (api-key-pool.ts), no Prisma client.
  let state: { keys: pg.Pool; callLimit: UpstreamCallLimit; readAhead: ReadAhead; target: UpstreamTarget } | undefined;
  // Kept-alive connections to the upstream: a new TCP connection per request costs more than the
  // hop. `timeout` is what makes Node's agent honour an upstream's `Keep-Alive: timeout=N`
  // (closing an idle connection a second before the upstream would); without it, a connection
  // the upstream is closing can be picked for the next request.
  const agentOptions = { keepAlive: true, timeout: 60_000 };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  // Configuration at first use, as the route reads it: the server starts before any request needs it.
  const ready = () => {
    if (!state) {
      const env = serverEnv();
      state = {
        keys: apiKeyPool(env.DATABASE_URL),
        callLimit: upstreamCallLimit(env.DATABASE_URL, env.SPOOL_GATEWAY_RATE_LIMIT),
        readAhead: new ReadAhead(env.SPOOL_GATEWAY_RATE_LIMIT),
        target: { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY },
      };
    }
    return state;
  };

  async function serve(request: IncomingMessage, response: ServerResponse, url: URL) {
    const { keys, callLimit, readAhead, target } = ready();
    try {
      const sent = gatewayCredential(request.headers.authorization);
      if ("refusal" in sent) return await answerWith(response, sent.refusal);
      // A body declared past the limit is refused without drawing on the allowance, as the
      // route refuses it; any other request draws in its key's lookup, for a live key only (gateway-auth.ts).
      const tooLong = Number(request.headers["content-length"]) > PASS_THROUGH_BODY_MAX_BYTES;
      const check = readAhead.begin(request.method, request.headers, sent.credential.allowance);
      const verdict = admitGatewayCaller(keys, sent.credential, tooLong ? undefined : callLimit).then(
        (caller): Response | null => {
          check.settle("refusal" in caller ? null : caller.callsLeft);
          return "refusal" in caller ? caller.refusal : null;
        },
        (error: unknown) => {
          check.settle(null);
          return serviceErrorResponse(error, null, target.apiKey);
        },
      );
      // A read of a key admitted a moment ago goes upstream now; its answer waits for the verdict (read-ahead.ts).
      if (check.ahead) return forward(request, response, url, target, verdict);
      const refusal = await verdict;
      if (refusal) return await answerWith(response, refusal);
      if (tooLong) throw tooLarge(PASS_THROUGH_BODY_MAX_BYTES);
      forward(request, response, url, target, null);
    } catch (error) {
      await answerWith(response, serviceErrorResponse(error, null, target.apiKey));
    }
  }

  /** Sends the request upstream and the answer back; with `held`, the answer waits for it and a refusal is answered at once instead. */
  function forward(request: IncomingMessage, response: ServerResponse, url: URL, target: UpstreamTarget, held: Promise<Response | null> | null) {
    const destination = new URL(upstreamUrl(target, url.href));
    const agent = agents[destination.protocol as keyof typeof agents];
    if (!agent) throw upstreamUnreachable();
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      // Node joins a repeated request header with ", ", but for `set-cookie` (an array), which a
      // request has no business carrying and the route's fetch Headers would not keep apart either.
      const forwarded = typeof value === "string" ? forwardedRequestHeader(name, value) : undefined;
      if (forwarded !== undefined) headers[name] = forwarded;
    }
    headers.authorization = `Bearer ${target.apiKey}`;
    const streamedBody = request.headers["transfer-encoding"] !== undefined;
    // Node frames a GET's or DELETE's body only when told to; a body of unknown length is chunked.
    if (streamedBody) headers["transfer-encoding"] = "chunked";

    let refused = false;
    const bodiless = !streamedBody && !(Number(request.headers["content-length"]) > 0);
    const send = () => (destination.protocol === "https:" ? https : http).request(destination, { method: request.method, headers, agent });
    let upstream = send();
    const answered = new Promise<IncomingMessage | null>((resolve) => {
      const listen = (sent: http.ClientRequest, retried: boolean) => {
        sent.once("response", resolve);
        // `on`: a socket error after the answer began is emitted here too, and an unheard one would end the process.
        sent.on("error", (error: NodeJS.ErrnoException) => {
          // A kept-alive connection the upstream closed just as this read was sent on it: the
          // read never reached it, and goes again once, on another connection (as Node's
          // documentation of `reusedSocket` advises). Anything else is the upstream's answer.
          const reset = error.code === "ECONNRESET" || error.code === "EPIPE";
          if (reset && sent.reusedSocket && !retried && bodiless && (request.method === "GET" || request.method === "HEAD") && !response.destroyed) {
            upstream = send();
            listen(upstream, true);
            upstream.end();
          } else resolve(null);
        });
      };
      listen(upstream, false);
    });
    const relay = async () => {
      const refusal = await held;
      if (refusal) {
        // Answered now, whatever the upstream is doing: its answer is never waited for, nor seen.
        upstream.destroy();
        return answerWith(response, refusal);
      }
      const answer = await answered;
      if (refused || response.destroyed) return void answer?.destroy();
      // An upstream that broke off before its answer had begun (or, held, before it was passed on) is a 502.
      if (!answer || answer.errored || (answer.destroyed && !answer.complete)) return answerWith(response, serviceErrorResponse(upstreamUnreachable(), null, target.apiKey));
      if ((answer.statusCode ?? 502) >= 400 && request.method !== "HEAD") return relayError(answer, response, target.apiKey, () => refused);
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, returnedHeaders(answer));
      // `pipe`, not `pipeline`: pipeline aborts an AbortController of its own as it ends, and
      // the DOMException that makes cost more CPU than the rest of the relay (a CPU profile).
      // Either side gone ends the other: an upstream that breaks off cuts the caller's answer
      // as it was cut; a caller that leaves closes the upstream request (below).
      answer.on("close", () => {
        if (!answer.complete) response.destroy();
      });
      answer.pipe(response);
    };
    relay().catch(() => response.destroy());
    response.on("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });

    if (bodiless) {
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
        else void answerWith(response, serviceErrorResponse(tooLarge(PASS_THROUGH_BODY_MAX_BYTES), null, target.apiKey));
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
      serve(request, response, url).catch(() => response.destroy());
      return true;
    },
    async close() {
      // The key pool is the process's, shared with the route: it ends with the process.
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

/**
 * An upstream error answer, read whole and decoded, with Spool's upstream key masked
 * (ERROR_ANSWER_MAX_BYTES in upstream-forward.ts, as the route's forwardRequest does). One cut
 * midway, past the limit, or in a coding Spool cannot decode is cut for the caller too.
 */
async function relayError(answer: IncomingMessage, response: ServerResponse, upstreamKey: string, refused: () => boolean): Promise<void> {
  // Codings in the order they were applied; undone last first.
  const codings = (answer.headers["content-encoding"] ?? "").split(",").map((coding) => coding.trim().toLowerCase()).filter((coding) => coding && coding !== "identity");
  let body: Buffer | null = null;
  try {
    body = await readAtMost(answer, ERROR_ANSWER_MAX_BYTES);
    for (const coding of codings.reverse()) {
      const decode = DECODERS[coding];
      body = body && (body.byteLength === 0 ? body : decode ? decode(body) : null);
    }
  } catch {
    body = null;
  }
  if (refused() || response.destroyed || response.headersSent) return;
  if (!body) return void response.destroy();
  const masked = withoutUpstreamKey(body, upstreamKey);
  const headers = returnedHeaders(answer, ["content-length", "content-encoding"]);
  headers.push("content-length", String(masked.byteLength));
  response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
  response.end(masked);
}

const decodeOptions = { maxOutputLength: ERROR_ANSWER_MAX_BYTES };
const DECODERS: Record<string, ((body: Buffer) => Buffer) | undefined> = {
  gzip: (body) => zlib.gunzipSync(body, decodeOptions),
  "x-gzip": (body) => zlib.gunzipSync(body, decodeOptions),
  // RFC 9110's deflate is zlib-wrapped; some servers send it raw.
  deflate: (body) => {
    try {
      return zlib.inflateSync(body, decodeOptions);
    } catch {
      return zlib.inflateRawSync(body, decodeOptions);
    }
  },
  br: (body) => zlib.brotliDecompressSync(body, decodeOptions),
};

/** The upstream's headers as the route passes them back, with the security headers every Spool answer carries (next.config.mjs). */
function returnedHeaders(answer: IncomingMessage, without: readonly string[] = []): string[] {
  const out: string[] = [];
  const sent = new Set<string>();
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!isReturnedResponseHeader(name) || name === "cache-control" || without.includes(name)) continue;
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
