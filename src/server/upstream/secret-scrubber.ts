// Masks an API key in text an upstream sent back, before Spool stores, logs or shows it.
// Not only the exact key: any run of MIN_RUN or more of its characters, in any letter case,
// raw or base64 / base64url / hex / percent-encoded, since servers echo keys in all of these.

/** A run this long of the key's characters is masked; shorter ones say too little to matter. */
export const MIN_RUN = 8;

export const REDACTED = "[redacted]";

// Characters an encoded key can be made of; a match is masked to the whole token around it,
// so the last partial group of an encoding (a base64 quantum, a split %XX) goes with it.
const TOKEN_CHAR = /[A-Za-z0-9+/=_\-.%~]/;
// Anything that looks like a key by its prefix, whatever the configured key is.
const KEY_LIKE = /\b(sk|key)-[A-Za-z0-9_*\-.]{3,}/g;

type Needles = Map<number, Set<string>>;

const cache = new Map<string, Needles>();

/** Every window of `length` characters (lower-cased) of every encoding of the key. */
function needlesFor(secret: string): Needles {
  const cached = cache.get(secret);
  if (cached) return cached;
  const needles: Needles = new Map();
  const add = (form: string, length: number) => {
    const lower = asciiLower(form);
    const set = needles.get(length) ?? new Set<string>();
    for (let i = 0; i + length <= lower.length; i++) set.add(lower.slice(i, i + length));
    needles.set(length, set);
  };
  const run = Math.min(MIN_RUN, secret.length);
  for (const variant of new Set([secret, secret.toLowerCase(), secret.toUpperCase()])) {
    add(variant, run);
    add(Buffer.from(variant).toString("hex"), run * 2);
    add(encodeURIComponent(variant), run);
    add([...Buffer.from(variant)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join(""), run * 3);
    // A run starting anywhere in the key is aligned to a 3-byte group in one of these three.
    for (let offset = 0; offset < 3; offset++) {
      const bytes = Buffer.from(variant.slice(offset));
      // `run` characters of the key fill at least floor(run/3)*4 whole base64 characters.
      const length = Math.max(4, Math.floor(run / 3) * 4);
      add(bytes.toString("base64"), length);
      add(bytes.toString("base64url"), length);
    }
  }
  if (cache.size > 8) cache.clear();
  cache.set(secret, needles);
  return needles;
}

/** Returns `text` with every trace of `secret` (see above) replaced by REDACTED. */
export function scrubSecret(text: string, secret: string): string {
  let out = text;
  if (secret) {
    const lower = asciiLower(text);
    const masked = new Uint8Array(text.length);
    for (const [length, set] of needlesFor(secret)) {
      for (let i = 0; i + length <= lower.length; i++) {
        if (set.has(lower.slice(i, i + length))) masked.fill(1, i, i + length);
      }
    }
    out = maskRuns(text, masked);
  }
  return out.replace(KEY_LIKE, REDACTED);
}

function maskRuns(text: string, masked: Uint8Array): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    if (!masked[i]) {
      out += text[i++];
      continue;
    }
    // Widen to the whole token: back over what was already written, forward past the match.
    let start = out.length;
    while (start > 0 && TOKEN_CHAR.test(out[start - 1]!)) start--;
    out = out.slice(0, start);
    while (i < text.length && (masked[i] || TOKEN_CHAR.test(text[i]!))) i++;
    out += REDACTED;
  }
  return out;
}

/** Lower-cases A–Z only, so indices in the result are indices in the input. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}
