import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

describe("relativeTime", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  const at = (iso: string) => Date.parse(iso) / 1000;
  it("reads like a person would say it", () => {
    expect(relativeTime(at("2026-12-02T11:59:50Z"), now)).toBe("just now");
    expect(relativeTime(at("2026-12-02T11:57:00Z"), now)).toBe("3 min. ago");
    expect(relativeTime(at("2026-12-02T09:00:00Z"), now)).toBe("3 hr. ago");
    expect(relativeTime(at("2026-12-01T11:00:00Z"), now)).toBe("yesterday");
    expect(relativeTime(at("2026-09-01T12:00:00Z"), now)).toBe("3 mo. ago");
  });
});
