import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_RUN, REDACTED, scrubSecret } from "./secret-scrubber";

const KEY = "sk-proj-Q7vT2mX9kL4pR8wZ1nB6cY3hJ5dF0gS";

/** The forms an upstream has been seen to echo a key (or a piece of it) in. */
const encodings: Record<string, (text: string) => string> = {
  raw: (text) => text,
  upper: (text) => text.toUpperCase(),
  lower: (text) => text.toLowerCase(),
  base64: (text) => Buffer.from(text).toString("base64"),
  base64url: (text) => Buffer.from(text).toString("base64url"),
  hex: (text) => Buffer.from(text).toString("hex"),
  HEX: (text) => Buffer.from(text).toString("hex").toUpperCase(),
  percent: (text) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  uriComponent: (text) => encodeURIComponent(text),
};

describe("scrubSecret", () => {
  for (const [name, encode] of Object.entries(encodings)) {
    it(`masks the whole key and any ${MIN_RUN}-character run of it, ${name}`, () => {
      for (const piece of [KEY, KEY.slice(3), KEY.slice(5, 5 + MIN_RUN), KEY.slice(11, 11 + MIN_RUN + 3), KEY.slice(-MIN_RUN)]) {
        const encoded = encode(piece);
        const out = scrubSecret(`Incorrect API key provided: "${encoded}". See docs.`, KEY);
        expect(out).toContain(REDACTED);
        expect(out).not.toContain(encoded);
        expect(out).toContain("Incorrect API key provided:");
        expect(out).toContain("See docs.");
      }
    });
  }

  it("leaves text that shares fewer than 8 characters with the key alone", () => {
    const text = `Rate limit reached for ${KEY.slice(8, 8 + MIN_RUN - 1)} requests; retry in 20s.`;
    expect(scrubSecret(text, KEY)).toBe(text);
  });

  it("masks prefixed key-like tokens even when they are not the configured key", () => {
    expect(scrubSecret("bad key sk-other-abcdef and key-xyz123", KEY)).toBe(`bad key ${REDACTED} and ${REDACTED}`);
  });

  it("never leaves a run of 8 characters of the key, in any encoding, anywhere in any text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: KEY.length - MIN_RUN }),
        fc.integer({ min: MIN_RUN, max: KEY.length }),
        fc.constantFrom(...Object.keys(encodings)),
        (before, after, start, length, encoding) => {
          const piece = KEY.slice(start, Math.min(KEY.length, start + length));
          const out = scrubSecret(`${before} ${encodings[encoding]!(piece)} ${after}`, KEY).toLowerCase();
          // What an attacker could decode from the output: no 8-character run of the key in any form.
          for (let i = 0; i + MIN_RUN <= KEY.length; i++) {
            const run = KEY.slice(i, i + MIN_RUN);
            for (const encode of [encodings.raw!, encodings.hex!, encodings.percent!]) {
              expect(out).not.toContain(encode(run).toLowerCase());
            }
          }
          expect(out).not.toContain(encodings.base64!(piece).toLowerCase().replace(/=+$/, ""));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("handles a short key by masking it whole", () => {
    expect(scrubSecret("token abc123 rejected", "abc123")).toBe(`token ${REDACTED} rejected`);
  });
});
