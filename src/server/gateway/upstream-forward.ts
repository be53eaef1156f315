import "server-only";
import { spoolErrorIn } from "~/server/error-mapping";
import { PEER_ADDRESS_HEADER } from "~/server/security/client-address";
import { GatewayRefusal } from "./gateway-errors";
import { limitedStream, tooLarge } from "./request-body";

/** Where the gateway sends requests, and with what key: Spool's own, never the caller's. */
export type UpstreamTarget = { baseURL: string; apiKey: string };

// Meaningful for one connection only (RFC 9110 §7.6.1), or Spool's own business.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "expect", "host"];
/** Never passed upstream: the caller's Spool key, what a sign-in proxy in front may add, and Spool's own peer stamp. */
const NOT_FORWARDED = new Set([...HOP_BY_HOP, "authorization", "cookie", "x-spool-proxy-secret", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", PEER_ADDRESS_HEADER]);
/** Never passed back: a cookie the upstream sets is for Spool, not for every service behind it. */
const NOT_RETURNED = new Set([...HOP_BY_HOP, "set-cookie"]);

/** `/v1/threads/abc?x=1` → `${OPENAI_BASE_URL}/threads/abc?x=1`, the path kept exactly as sent. */
export function upstreamUrl(target: UpstreamTarget, requestUrl: string): string {
  const url = new URL(requestUrl);
  const rest = url.pathname.replace(/^\/v1(?=\/|$)/, "");
  return `${target.baseURL.replace(/\/+$/, "")}${rest}${url.search}`;
}

/**
 * The caller's header `name` (lower case) as it goes upstream, or undefined for one that does
 * not: the same value, but Accept-Encoding as decodableAcceptEncoding leaves it.
 */
export function forwardedRequestHeader(name: string, value: string): string | undefined {
  if (NOT_FORWARDED.has(name)) return undefined;
  return name === "accept-encoding" ? decodableAcceptEncoding(value) : value;
}

/** Whether the upstream's header `name` (lower case) comes back to the caller. */
export function isReturnedResponseHeader(name: string): boolean {
  return !NOT_RETURNED.has(name);
}

/**
 * An event stream's Cache-Control with `no-transform`, so that nothing between Spool and the
 * caller compresses it (Next.js's gzip, or a proxy's, would hold it back until it ends);
 * undefined when the answer is not an event stream or already says so.
 */
export function eventStreamCacheControl(contentType: string | null | undefined, cacheControl: string | null | undefined): string | undefined {
  if (!contentType?.includes("text/event-stream") || /no-transform/i.test(cacheControl ?? "")) return undefined;
  return [cacheControl, "no-transform"].filter(Boolean).join(", ");
}

/**
 * A caller's Accept-Encoding with only the codings Spool can decode (gzip, deflate, br), so
 * that an upstream error answer can always be searched for Spool's key before it is passed on
 * (ERROR_ANSWER_MAX_BYTES). The SDKs ask for these anyway; one that asks for none of them gets
 * `identity`.
 */
function decodableAcceptEncoding(value: string): string {
  const kept = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => DECODABLE.has(part.split(";")[0]!.trim().toLowerCase()));
  return kept.length ? kept.join(", ") : "identity";
}
const DECODABLE = new Set(["gzip", "x-gzip", "deflate", "br", "identity"]);

/** The caller's headers as the upstream should see them (forwardedRequestHeader), with Spool's key. */
export function upstreamRequestHeaders(target: UpstreamTarget, headers: Headers, extra: string[] = []): Headers {
  const out = new Headers();
  const skip = new Set(extra);
  headers.forEach((value, name) => {
    const forwarded = skip.has(name) ? undefined : forwardedRequestHeader(name, value);
    if (forwarded !== undefined) out.append(name, forwarded);
  });
  out.set("authorization", `Bearer ${target.apiKey}`);
  return out;
}

/** The upstream's headers as the caller should see them. */
export function callerResponseHeaders(headers: Headers): Headers {
  const out = new Headers();
  headers.forEach((value, name) => {
    if (isReturnedResponseHeader(name)) out.append(name, value);
  });
  // Next.js gzips answers for callers that accept it (the SDKs do), and its gzip stream holds
  // an event stream back until it ends; `no-transform` is what makes it leave the answer alone.
  const cacheControl = eventStreamCacheControl(out.get("content-type"), out.get("cache-control"));
  if (cacheControl) out.set("cache-control", cacheControl);
  // fetch has already decoded a compressed body: say so, or the caller would decode it again.
  if (out.has("content-encoding")) {
    out.delete("content-encoding");
    out.delete("content-length");
  }
  return out;
}

/**
 * Sends the request on as it arrives and answers with the upstream's answer as it arrives:
 * nothing is buffered, so server-sent events pass through live and uploads stream.
 */
export async function forwardRequest(
  target: UpstreamTarget,
  request: Request,
  options: { maxBodyBytes: number; body?: BodyInit | null; signal?: AbortSignal },
): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > options.maxBodyBytes) throw tooLarge(options.maxBodyBytes);
  const body = options.body !== undefined ? options.body : request.body ? limitedStream(request.body, options.maxBodyBytes) : null;
  let upstream: Response;
  try {
    upstream = await fetch(upstreamUrl(target, request.url), {
      method: request.method,
      headers: upstreamRequestHeaders(target, request.headers),
      body,
      signal: options.signal ?? request.signal,
      redirect: "manual",
      cache: "no-store",
      duplex: "half",
    } as RequestInit);
  } catch (error) {
    // fetch wraps an error thrown by the request body stream (our 413) in its own TypeError.
    const refusal = spoolErrorIn(error);
    if (refusal) throw refusal;
    // The cause is kept for a create, which tells a refused connection (nothing sent) from a lost one.
    throw Object.assign(upstreamUnreachable(), { cause: error });
  }
  const headers = callerResponseHeaders(upstream.headers);
  if (upstream.status < 400 || !upstream.body) return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
  // fetch has decoded the body; it is read whole and masked (ERROR_ANSWER_MAX_BYTES).
  const read = await readAtMost(upstream.body as unknown as AsyncIterable<Uint8Array>, ERROR_ANSWER_MAX_BYTES).catch(() => null);
  if (!read) throw upstreamUnreachable();
  const masked = withoutUpstreamKey(read, target.apiKey);
  headers.set("content-length", String(masked.byteLength));
  return new Response(new Uint8Array(masked), { status: upstream.status, statusText: upstream.statusText, headers });
}

/**
 * The upstream's error answers (status 400 and up) are read whole before they are passed on, so
 * that Spool's upstream key, should the upstream echo it (`Incorrect API key provided: sk-…`),
 * is masked before the caller sees it: the key never comes back. Error answers are a few
 * hundred bytes; one past this is cut rather than held.
 */
export const ERROR_ANSWER_MAX_BYTES = 1024 * 1024;
const REDACTED = "[redacted]";

/** `body` with every occurrence of `key` replaced by REDACTED (the same body when there is none). */
export function withoutUpstreamKey(body: Buffer, key: string): Buffer {
  if (!key) return body;
  const needle = Buffer.from(key);
  let at = body.indexOf(needle);
  if (at < 0) return body;
  const parts: Buffer[] = [];
  let from = 0;
  for (; at >= 0; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at), Buffer.from(REDACTED));
    from = at + needle.byteLength;
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}

/** The whole of a stream, or null once it passes `max` bytes. */
export async function readAtMost(stream: AsyncIterable<Uint8Array>, max: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** No answer came: the upstream refused the connection or dropped it before answering. */
export function upstreamUnreachable(): GatewayRefusal {
  return new GatewayRefusal(502, { message: "Spool could not reach the upstream Assistants server, or it dropped the connection." });
}
