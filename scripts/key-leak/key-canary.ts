// A fake API key that tests run Spool with, so any place it shows up is a leak
// (client bundle, prerendered page, log line, error body). It is never a real key.
export const KEY_CANARY = "sk-spool-canary-0c9f3e71b2d84a6e-do-not-leak";

// Also catch the key after common encodings a leak might go through (JSON, URL, base64).
const encodings = (key: string) => [
  key,
  encodeURIComponent(key),
  Buffer.from(key).toString("base64"),
  // The tail alone catches a key split by a minifier or a redaction that kept the end.
  key.slice(-20),
];

/** The encoded forms of `key` found in `text`, if any. */
export function canaryFormsIn(text: string, key: string = KEY_CANARY): string[] {
  return encodings(key).filter((form) => text.includes(form));
}
