import { describe, expect, it } from "vitest";
import { isCompleteImageUrl, isPreviewableImageUrl } from "./ImagePreview";

describe("isPreviewableImageUrl", () => {
  it("previews only absolute http(s) URLs", () => {
    expect(isPreviewableImageUrl("https://example.com/cat.png")).toBe(true);
    expect(isPreviewableImageUrl("HTTP://example.com/cat.png")).toBe(true);
  });

  it("never loads other schemes or malformed URLs: they are shown as text instead", () => {
    for (const url of [
      "javascript:alert(1)",
      "data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E",
      "file:///etc/passwd",
      "//example.com/protocol-relative.png",
      "https://exa mple.com/space.png",
      "ftp://example.com/a.png",
      42,
      undefined,
    ]) {
      expect(isPreviewableImageUrl(url)).toBe(false);
    }
  });
});

describe("isCompleteImageUrl", () => {
  it("waits for a host with a domain and a path", () => {
    for (const prefix of ["https://", "https://e", "https://e/", "https://ex", "https://example.", "https://example.c", "https://example.com", "https://example.com/"]) {
      expect(isCompleteImageUrl(prefix)).toBe(false);
    }
    expect(isCompleteImageUrl("https://example.com/c")).toBe(true);
    expect(isCompleteImageUrl("http://localhost/cat.png")).toBe(true);
    expect(isCompleteImageUrl("http://127.0.0.1:8080/cat.png")).toBe(true);
  });

  it("never says yes to what could not be previewed", () => {
    expect(isCompleteImageUrl("javascript:alert(1)//example.com/x")).toBe(false);
    expect(isCompleteImageUrl("ftp://example.com/a.png")).toBe(false);
  });
});
