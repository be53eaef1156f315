import { describe, expect, it } from "vitest";
import { isPreviewableImageUrl } from "./ImagePreview";

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
