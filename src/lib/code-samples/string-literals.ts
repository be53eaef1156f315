// String literals for each language the code view writes, escaped so the program holds
// exactly the user's text: quotes, backslashes, control characters, interpolation markers.

/** Code points below U+0020 and DEL, as `\uXXXX`-style escapes via `escape`. */
function escapeControls(text: string, escape: (code: number) => string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => escape(ch.charCodeAt(0)));
}

const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const hex4 = (code: number) => code.toString(16).padStart(4, "0");

/** A lone surrogate (half of an emoji) cannot be written in Go or Ruby source; U+FFFD stands in. */
function withoutLoneSurrogates(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** JavaScript / TypeScript: JSON's string syntax is valid JS (U+2028/9 included since ES2019). */
export function jsString(text: string): string {
  return JSON.stringify(text);
}

/** Python: a double-quoted str; JSON's escapes (\" \\ \n \uXXXX, lone surrogates too) mean the same in Python. */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** Ruby: double-quoted, with `#` escaped so `#{…}`, `#@x`, `#$x` are never interpolated. */
export function rubyString(text: string): string {
  const body = escapeControls(
    withoutLoneSurrogates(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/#/g, "\\#"),
    (code) => SHORT[String.fromCharCode(code)] ?? `\\u${hex4(code)}`,
  );
  return `"${body}"`;
}

/**
 * Java: double-quoted. Backslashes are doubled first, so a user's `\u000a` stays text (javac
 * turns an undoubled `\uXXXX` into the character before it even reads the string).
 */
export function javaString(text: string): string {
  const body = escapeControls(
    text.replace(/\\/g, "\\\\").replace(/"/g, '\\"'),
    (code) => SHORT[String.fromCharCode(code)] ?? `\\${code.toString(8).padStart(3, "0")}`,
  ).replace(/[\u2028\u2029]/g, (ch) => `\\u${hex4(ch.charCodeAt(0))}`);
  return `"${body}"`;
}

/**
 * Go: an interpreted string literal (raw strings cannot hold a backquote or a CR). The compiler
 * refuses a byte order mark (U+FEFF) anywhere but at the start of a file, so it is escaped.
 */
export function goString(text: string): string {
  const body = escapeControls(
    withoutLoneSurrogates(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"'),
    (code) => SHORT[String.fromCharCode(code)] ?? `\\x${code.toString(16).padStart(2, "0")}`,
  ).replace(/\ufeff/g, "\\ufeff");
  return `"${body}"`;
}

/** A POSIX shell single-quoted word: nothing inside is special except `'`, written as '\''. */
export function shellSingleQuoted(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
