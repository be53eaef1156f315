import "server-only";

/**
 * The list's search box as a `to_tsquery` expression that matches as people type: every
 * word must appear, the last one as a prefix (`refun` finds "refund"), `"quoted words"`
 * as a phrase, `-word` excluded. Words are reduced to letters and digits, so nothing the
 * user types can be tsquery syntax; null when no word is left (the caller searches nothing).
 * @see https://www.postgresql.org/docs/current/textsearch-controls.html#TEXTSEARCH-PARSING-QUERIES
 */
export function prefixTsquery(text: string): string | null {
  const terms: string[] = [];
  const pattern = /(-?)"([^"]*)"?|(-?)(\S+)/g;
  const words = (chunk: string) => chunk.match(/[\p{L}\p{N}]+/gu) ?? [];
  let last: { index: number; negated: boolean } | undefined;
  for (const match of text.matchAll(pattern)) {
    if (match[2] !== undefined) {
      const phrase = words(match[2]);
      if (phrase.length === 0) continue;
      terms.push(`${match[1] ? "!" : ""}(${phrase.join(" <-> ")})`);
      last = undefined;
    } else {
      const negated = match[3] === "-";
      for (const word of words(match[4]!)) {
        terms.push(`${negated ? "!" : ""}${word}`);
        last = { index: terms.length - 1, negated };
      }
    }
  }
  if (terms.length === 0 || terms.every((term) => term.startsWith("!"))) return null;
  // Only a word still being typed at the end is a prefix; a finished one ("refund ") is whole.
  if (last && !last.negated && !/\s$/.test(text)) terms[last.index] = `${terms[last.index]}:*`;
  return terms.join(" & ");
}
