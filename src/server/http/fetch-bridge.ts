import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";

/** A route handler as Next.js and tRPC's fetch adapter take them: a Request in, a Response out. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** How a route is served: the headers its answers get where they have none of that name, and whether a caller that leaves aborts the request's signal. */
export type ServeOptions = { headers: Readonly<Record<string, string>>; abortOnLeave: boolean };

/**
 * Serves a fetch-style handler on Node's own server, as Next.js serves a route handler: the
 * request body reaches the handler as it arrives, read as fast as the handler reads it; with
 * `abortOnLeave`, a caller that leaves aborts the request's signal; and the answer's chunks
 * leave as they are made, so an event stream is never held. `headers` are added where the
 * answer has none of that name (the security headers Next.js's config would add).
 */
export async function serveFetchHandler(handler: FetchHandler, request: IncomingMessage, response: ServerResponse, { headers, abortOnLeave }: ServeOptions): Promise<void> {
  let converted: Request;
  try {
    converted = fetchRequestOf(request, response, abortOnLeave);
  } catch {
    // A request Node accepted but a URL cannot hold (a malformed Host header).
    response.writeHead(400, { "content-type": "text/plain; charset=utf-8", ...headers });
    response.end("Bad request: the Host header is not a host.");
    return;
  }
  let answer: Response;
  try {
    answer = await handler(converted);
  } catch (error) {
    // The handlers answer every error of their own: one that escapes is a bug, said once.
    console.error("[spool] request handler failed:", error instanceof Error ? error.name : typeof error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8", ...headers });
    response.end("Internal server error");
    return;
  }
  const out: string[] = [];
  answer.headers.forEach((value, name) => out.push(name, value));
  for (const [name, value] of Object.entries(headers)) if (!answer.headers.has(name)) out.push(name, value);
  response.writeHead(answer.status, out);
  if (!answer.body) {
    response.end();
    return;
  }
  const reader = answer.body.getReader();
  // A caller gone stops the handler's stream (an upstream event stream is cut with it).
  const left = () => void reader.cancel().catch(() => {});
  response.once("close", left);
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!response.write(chunk.value)) await drained(response);
    }
    response.end();
  } catch {
    // The stream broke off midway: the caller sees its answer cut, as the upstream cut it.
    response.destroy();
  } finally {
    response.off("close", left);
  }
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.once("drain", done);
    response.once("close", done);
  });
}

/**
 * The Request a route handler sees. Written here rather than taken from tRPC's node adapter
 * (`incomingMessageToRequest`), whose body stream destroys the socket when a handler stops
 * reading: a handler that refuses a body midway (413 at the size limit, 400 for bytes that are
 * not UTF-8) must still have its answer delivered, as Next.js delivers it. Here the rest of
 * such a body is read and dropped, and Node answers after it (bounded by the server's
 * requestTimeout).
 */
function fetchRequestOf(request: IncomingMessage, response: ServerResponse, abortOnLeave: boolean): Request {
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(url, {
    method: request.method,
    headers,
    ...(abortOnLeave ? { signal: leaving(response) } : {}),
    ...(hasBody ? { body: bodyOf(request, response), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * A signal that aborts when the caller leaves before its answer is sent. Only where a handler
 * acts on it (the gateway cuts its upstream request): a Request that follows a signal of
 * ours took twice the time to build in a CPU profile (3% of a list page's CPU).
 */
function leaving(response: ServerResponse): AbortSignal {
  const left = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) left.abort();
  });
  return left.signal;
}

function bodyOf(request: IncomingMessage, response: ServerResponse): ReadableStream<Uint8Array> {
  let settled = false;
  let onData: (chunk: Buffer) => void = () => {};
  // What the handler did not read (it answered first: a refusal by Content-Length, a 413
  // midway) is read and dropped, so a kept-alive connection can carry the caller's next request.
  const drop = () => {
    settled = true;
    request.off("data", onData);
    if (!request.complete) request.resume();
  };
  response.once("finish", drop);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onData = (chunk) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Read no faster than the handler: the body is never held whole.
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      };
      request.on("data", onData);
      request.once("end", () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      request.once("close", () => {
        if (settled) return;
        settled = true;
        controller.error(new Error("The caller closed the connection before its request body ended."));
      });
    },
    pull() {
      request.resume();
    },
    cancel: drop,
  });
}
