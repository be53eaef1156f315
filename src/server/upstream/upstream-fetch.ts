import "server-only";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { request } from "undici";

/**
 * The `fetch` Spool's openai SDK clients call the upstream with: undici's `request()` (the
 * library inside Node's own fetch, kept by Node's team), its answer handed to the SDK as a
 * WHATWG Response. Node's fetch runs the whole Fetch standard around each call and cost 1.1 to
 * 1.9 ms of CPU a `POST /threads` here against 0.3 ms (docs/BENCHMARKS.md), on the path every
 * create and every recorded gateway call waits on.
 *
 * What it keeps of fetch: the SDK's signal aborts the call (an `AbortError`, so the SDK
 * reports its timeout), connection errors keep their `code` (ECONNREFUSED: nothing was sent),
 * a compressed answer is decoded. What it leaves out: redirects are not followed (an
 * Assistants API does not redirect; a 3xx reaches the SDK as an error). A body that is not a
 * string or bytes (an upload, a stream) goes through Node's fetch unchanged.
 */
export async function upstreamFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const { body } = init;
  if (input instanceof Request || (body != null && typeof body !== "string" && !(body instanceof Uint8Array))) return fetch(input, init);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  headers["accept-encoding"] ??= "gzip, deflate, br";
  const answer = await request(input, {
    method: (init.method ?? "GET") as "GET",
    headers,
    body: body ?? undefined,
    signal: init.signal ?? undefined,
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
  }
  if (isNullBodyStatus(answer.statusCode) || init.method === "HEAD") {
    await answer.body.dump();
    return new Response(null, { status: answer.statusCode, headers: responseHeaders });
  }
  return new Response(Readable.toWeb(decoded(answer.body, responseHeaders.get("content-encoding"))) as ReadableStream<Uint8Array>, {
    status: answer.statusCode,
    headers: responseHeaders,
  });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Whether a Response with `status` may not carry a body (fetch's "null body status"). */
export function isNullBodyStatus(status: number): boolean {
  return NULL_BODY_STATUSES.has(status);
}

/** As fetch decodes an answer: by its Content-Encoding, the header itself left as sent. */
function decoded(body: Readable, encoding: string | null): Readable {
  const decoder = { gzip: zlib.createGunzip, "x-gzip": zlib.createGunzip, deflate: zlib.createInflate, br: zlib.createBrotliDecompress }[encoding?.trim().toLowerCase() ?? ""];
  if (!decoder) return body;
  const stream = decoder();
  body.on("error", (error) => stream.destroy(error));
  return body.pipe(stream);
}
