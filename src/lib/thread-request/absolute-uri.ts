// `format: uri` as the contract means it; without zod, so an image preview can check a URL
// without loading the request schema. `./schema` re-exports it.

// RFC 3986 character classes (case-insensitive). `%` stands in for a percent-escape; the
// escapes themselves are checked separately (see `isAbsoluteUri`).
const UNRESERVED_SUBDELIMS_PCT = "a-z0-9\\-._~!$&'()*+,;=%";
const PCHAR = `${UNRESERVED_SUBDELIMS_PCT}:@`;
const IPV4 = "(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)";
const IP_LITERAL =
  "\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|" +
  IPV4 +
  ")|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]";
const URI_SHAPE = new RegExp(
  "^[a-z][a-z0-9+\\-.]*:" +
    "(?:" +
    // "//" authority path-abempty (like ajv-formats, a single "/" also opens an authority)
    `\\/?\\/(?:[${UNRESERVED_SUBDELIMS_PCT}:]*@)?(?:${IP_LITERAL}|${IPV4}|[${UNRESERVED_SUBDELIMS_PCT}]*)(?::\\d*)?(?:\\/[${PCHAR}/]*)?` +
    // path-absolute
    `|\\/(?:[${PCHAR}][${PCHAR}/]*)?` +
    // path-rootless
    `|[${PCHAR}][${PCHAR}/]*` +
    ")" +
    `(?:\\?[${PCHAR}/?]*)?` +
    `(?:#[${PCHAR}/?]*)?$`,
  "i"
);
/** A `%` that does not start a `%XX` escape. */
const BAD_PERCENT = /%(?![0-9a-f]{2})/i;

/**
 * `format: uri` — an RFC 3986 absolute URI (scheme required, fragment allowed). Accepts
 * exactly what ajv-formats' `uri` format ("full" mode) accepts, so this schema agrees with a
 * JSON Schema validator reading the contract: http(s), data: and any other scheme; rejects
 * relative references, spaces and raw non-ASCII characters.
 *
 * Why not ajv-formats' regex itself: it repeats an alternation per character and overflows
 * the regex stack on multi-megabyte data: URIs. Here long runs are plain character classes
 * (linear, no deep backtracking) and percent-escapes are validated by a separate scan.
 * Why not `z.url()`: it follows the WHATWG URL parser, which accepts non-URIs (spaces,
 * raw Unicode) and rejects some valid ones.
 */
export function isAbsoluteUri(value: string): boolean {
  return !BAD_PERCENT.test(value) && URI_SHAPE.test(value);
}
