"use client";

import { useCallback, useEffect, useState } from "react";
import { isAbsoluteUri } from "~/lib/thread-request/absolute-uri";

/** Only http(s) URLs are fetched for a preview, and never with a referrer. */
export function isPreviewableImageUrl(url: unknown): url is string {
  return typeof url === "string" && /^https?:\/\//i.test(url) && isAbsoluteUri(url);
}

/**
 * A URL someone could have finished typing: a host with a top-level domain (or localhost,
 * or an IP address) and a path. `https://e/`, `https://ex` and `https://example.com` are
 * steps on the way, not worth a request and a DNS lookup each.
 */
export function isCompleteImageUrl(url: unknown): url is string {
  if (!isPreviewableImageUrl(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname;
  const named = /\.[a-z]{2,}$/i.test(host) || host === "localhost" || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith("[");
  return named && parsed.pathname.length > 1;
}

/** A small preview of an image URL; nothing at all for other URLs or when the image does not load. */
export function ImagePreview({ url, className = "h-16 w-16", alt = "Preview of the image URL" }: { url: unknown; className?: string; alt?: string }) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  // A server-rendered image can fail before React hydrates and attaches onError; the
  // browser then says so only through `complete` with no pixels, which this reads on mount.
  const noticeEarlyFailure = useCallback(
    (image: HTMLImageElement | null) => {
      if (image?.complete && image.naturalWidth === 0 && typeof url === "string") setFailedUrl(url);
    },
    [url],
  );
  if (!isPreviewableImageUrl(url) || failedUrl === url) return null;
  return (
    // A remote URL of any size and host: next/image would need every host configured.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      ref={noticeEarlyFailure}
      src={url}
      alt={alt}
      referrerPolicy="no-referrer"
      loading="lazy"
      onError={() => setFailedUrl(url)}
      className={`${className} rounded border border-slate-200 bg-surface object-cover`}
    />
  );
}

/** The preview of a URL being typed: only once typing has paused and the URL looks finished. */
export function TypedImagePreview({ url, pauseMs = 600 }: { url: string; pauseMs?: number }) {
  const settled = useSettledValue(url, pauseMs);
  return settled === url && isCompleteImageUrl(settled) ? <ImagePreview url={settled} /> : null;
}

function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
