import "server-only";
import { UnreadableRequestError } from "~/server/errors";

/**
 * The whole body of a request Spool reads itself (a thread create or change), refused with a
 * 413 past `limit` bytes whatever Content-Length claims, and with a 400 when not JSON.
 */
export async function readJsonBody(request: Request, limit: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; json: unknown }> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(Buffer.concat(chunks));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableRequestError("malformed", "The request body is not valid UTF-8.");
  }
  try {
    return { bytes, json: JSON.parse(text) as unknown };
  } catch {
    throw new UnreadableRequestError("malformed", "We could not parse the JSON body of your request. The body must be a JSON object.");
  }
}

export function tooLarge(limit: number): UnreadableRequestError {
  return new UnreadableRequestError("too-large", `The request body is larger than Spool's gateway accepts (${limit} bytes).`);
}

/**
 * A streamed body passed on as it arrives (a file upload is never held whole), cut off with a
 * 413 once it passes `limit` bytes.
 */
export function limitedStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) throw tooLarge(limit);
        controller.enqueue(chunk);
      },
    }),
  );
}
