import { describe, expect, it } from "vitest";
import { prefixTsquery } from "./search-query";

describe("prefixTsquery", () => {
  it("makes the word being typed a prefix, and requires every word", () => {
    expect(prefixTsquery("refun")).toBe("refun:*");
    expect(prefixTsquery("late parc")).toBe("late & parc:*");
    expect(prefixTsquery("refund ")).toBe("refund");
  });

  it("keeps phrases and exclusions, with no prefix on them", () => {
    expect(prefixTsquery('"password reset"')).toBe("(password <-> reset)");
    expect(prefixTsquery("invoice -VAT")).toBe("invoice & !VAT");
  });

  it("never passes tsquery syntax through", () => {
    expect(prefixTsquery("a & b | !c:* (d)")).toBe("a & b & c & d:*");
    expect(prefixTsquery("&|!():*'")).toBeNull();
    expect(prefixTsquery("-only")).toBeNull();
  });
});
