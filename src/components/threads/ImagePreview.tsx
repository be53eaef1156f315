"use client";

import { useState } from "react";
import { isAbsoluteUri } from "~/lib/thread-request/schema";

/** Only http(s) URLs are fetched for a preview, and never with a referrer. */
export function isPreviewableImageUrl(url: unknown): url is string {
  return typeof url === "string" && /^https?:\/\//i.test(url) && isAbsoluteUri(url);
}

/** A small preview of an image URL; nothing at all for other URLs or when the image does not load. */
export function ImagePreview({ url, className = "h-16 w-16", alt = "Preview of the image URL" }: { url: unknown; className?: string; alt?: string }) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (!isPreviewableImageUrl(url) || failedUrl === url) return null;
  return (
    // A remote URL of any size and host: next/image would need every host configured.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={url}
      alt={alt}
      referrerPolicy="no-referrer"
      loading="lazy"
      onError={() => setFailedUrl(url)}
      className={`${className} rounded border border-slate-200 bg-white object-cover`}
    />
  );
}
