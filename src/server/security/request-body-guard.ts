import "server-only";
import { UnreadableRequestError } from "~/server/errors";

/**
 * The largest request body Spool reads: far above any thread a person composes, far
 * below what would let one request tie up the server. next.config.mjs buffers a little
 * more for the proxy so this limit, not a silent truncation, is what a client meets.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export const TOO_LARGE_MESSAGE = `The request body is larger than Spool accepts (${MAX_REQUEST_BODY_BYTES} bytes).`;

/** What is wrong with a request before its body is read, or null. */
export function requestProblem(request: Request): UnreadableRequestError | null {
  if (request.method === "GET") {
    try {
      decodeURIComponent(new URL(request.url).search);
    } catch {
      return new UnreadableRequestError("malformed", "The request URL is not valid UTF-8.");
    }
    return null;
  }
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  // Forms can post text/plain or multipart across sites without a preflight; JSON cannot.
  if (type !== "application/json") return new UnreadableRequestError("not-json", "Spool's API accepts only application/json request bodies.");
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > MAX_REQUEST_BODY_BYTES) return new UnreadableRequestError("too-large", TOO_LARGE_MESSAGE);
  return null;
}

/**
 * The body, cut off with a 413 past the limit (whatever Content-Length claimed) and with a
 * 400 at the first byte that is not UTF-8 (which would otherwise become U+FFFD and be
 * stored as if the user had typed it).
 */
export function guardedBody(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > MAX_REQUEST_BODY_BYTES) throw new UnreadableRequestError("too-large", TOO_LARGE_MESSAGE);
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          throw new UnreadableRequestError("malformed", "The request body is not valid UTF-8.");
        }
        controller.enqueue(chunk);
      },
      flush() {
        try {
          decoder.decode();
        } catch {
          throw new UnreadableRequestError("malformed", "The request body is not valid UTF-8 (it ends mid-character).");
        }
      },
    }),
  );
}
