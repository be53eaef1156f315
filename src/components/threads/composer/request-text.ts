// Reads a request body the way people paste one: plain JSON, a curl command, or the
// `threads.create(...)` call of an SDK example (Node, Python, Ruby).
//
// JSON5 (for the JavaScript-like forms) is loaded on demand, not with the page: only JSON mode
// needs it (docs/BENCHMARKS.md, page weight). Until it has loaded, text that is not strict JSON
// reads as "pending": nothing can be created from it yet, and it is read again once it is there.
import type JSON5Module from "json5";

let JSON5: typeof JSON5Module | undefined;
let loading: Promise<void> | undefined;

/** Loads the lenient reader once; parseRequestText reads non-JSON text only after this resolves. */
export function loadLenientReader(): Promise<void> {
  loading ??= import("json5").then((module) => {
    JSON5 = module.default;
  });
  return loading;
}

export function isLenientReaderLoaded(): boolean {
  return JSON5 !== undefined;
}

export type RequestSource = "json" | "curl" | "node" | "python" | "ruby" | "json5";

export type ParsedText =
  | { ok: true; value: unknown; source: RequestSource }
  | { ok: false; message: string; line?: number; column?: number; pending?: true };

const SOURCE_NAMES: Record<Exclude<RequestSource, "json">, string> = {
  curl: "a curl command",
  node: "a Node SDK call",
  python: "a Python SDK call",
  ruby: "a Ruby SDK call",
  json5: "a JavaScript object",
};

export function describeSource(source: RequestSource): string {
  return source === "json" ? "JSON" : SOURCE_NAMES[source];
}

export function parseRequestText(text: string): ParsedText {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "The request body is empty; a Create-thread body is a JSON object, at least {}." };
  let strictError: unknown;
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown, source: "json" };
  } catch (error) {
    strictError = error;
  }
  if (!JSON5) {
    void loadLenientReader();
    return { ok: false, message: "Reading the text…", pending: true };
  }
  const lenient = readLeniently(trimmed, JSON5);
  if (lenient) return lenient;
  return jsonError(trimmed, strictError, JSON5);
}

function readLeniently(text: string, json5: typeof JSON5Module): ParsedText | undefined {
  if (/^curl\s/.test(text)) {
    const body = curlBody(text);
    if (body === undefined) return undefined;
    const inner = parseRequestText(body);
    return inner.ok ? { ...inner, source: "curl" } : inner;
  }
  const args = callArguments(text);
  if (args !== undefined) {
    const trimmed = args.trim();
    if (trimmed === "") return { ok: true, value: {}, source: "node" };
    if (trimmed.startsWith("{")) return tryJson5(json5, trimmed, "node");
    const python = /^[A-Za-z_]\w*\s*=/.test(trimmed);
    return tryJson5(json5, `{${kwargsToJson5(trimmed, python ? "python" : "ruby")}}`, python ? "python" : "ruby");
  }
  if (text.startsWith("{")) return tryJson5(json5, text, "json5");
  return undefined;
}

function tryJson5(json5: typeof JSON5Module, text: string, source: RequestSource): ParsedText | undefined {
  try {
    return { ok: true, value: json5.parse(text) as unknown, source };
  } catch {
    return undefined;
  }
}

/** The body of `-d '…'` / `--data-raw "…"` in a curl command. */
function curlBody(command: string): string | undefined {
  const match = /(?:^|\s)(?:-d|--data|--data-raw|--data-binary)\s+(?=['"])/.exec(command);
  if (!match) return undefined;
  let i = match.index + match[0].length;
  let out = "";
  // A shell word: single-quoted runs (no escapes), double-quoted runs, and \' between them.
  while (i < command.length && !/\s/.test(command[i]!)) {
    const quote = command[i];
    if (quote === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out += command.slice(i + 1, end);
      i = end + 1;
    } else if (quote === '"') {
      i++;
      while (i < command.length && command[i] !== '"') {
        if (command[i] === "\\" && i + 1 < command.length) i++;
        out += command[i];
        i++;
      }
      i++;
    } else if (quote === "\\" && i + 1 < command.length) {
      out += command[i + 1];
      i += 2;
    } else {
      out += quote;
      i++;
    }
  }
  return out;
}

/** The text between the parentheses of the first `.create(…)` call, quotes respected. */
function callArguments(text: string): string | undefined {
  const start = /\.create\s*\(/.exec(text);
  if (!start) return undefined;
  let depth = 1;
  for (let i = start.index + start[0].length; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === "`") {
      i = skipString(text, i);
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (depth === 0) return text.slice(start.index + start[0].length, i);
  }
  return undefined;
}

/** Index of the closing quote of the string opening at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/**
 * Python keyword arguments (`messages=[…]`, `True`, `None`) or Ruby ones (`messages: […]`,
 * `:user`, `nil`, `=>`), rewritten as the inside of a JSON5 object. Strings are copied as is.
 */
function kwargsToJson5(args: string, language: "python" | "ruby"): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i]!;
    if (ch === '"' || ch === "'") {
      const end = skipString(args, i);
      out += args.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch === "#") {
      // A comment runs to the end of the line in both languages.
      while (i < args.length && args[i] !== "\n") i++;
      out += "\n";
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (language === "ruby" && ch === "=" && args[i + 1] === ">") {
      out += ":";
      i++;
      continue;
    }
    if (language === "ruby" && ch === ":" && /[A-Za-z_]/.test(args[i + 1] ?? "") && !/[\w"']/.test(args[i - 1] ?? "")) {
      // A symbol (:user) is the string "user".
      const word = /^[A-Za-z_]\w*/.exec(args.slice(i + 1))![0];
      out += JSON.stringify(word);
      i += word.length;
      continue;
    }
    const word = /^[A-Za-z_]\w*/.exec(args.slice(i))?.[0];
    if (word && !/\w/.test(args[i - 1] ?? "")) {
      const constant = { True: "true", False: "false", None: "null", nil: "null" }[word];
      out += constant ?? word;
      i += word.length - 1;
      if (language === "python" && depth === 0 && !constant) {
        const rest = /^\s*=(?!=)/.exec(args.slice(i + 1));
        if (rest) {
          out += ":";
          i += rest[0].length;
        }
      }
      continue;
    }
    out += ch;
  }
  return out;
}

/** A JSON syntax error with the line and column it is at, from any browser's message. */
function jsonError(text: string, error: unknown, json5: typeof JSON5Module): ParsedText {
  const raw = error instanceof Error ? error.message : String(error);
  let line: number | undefined;
  let column: number | undefined;
  const lineColumn = /line (\d+) column (\d+)/.exec(raw);
  const position = /position (\d+)/.exec(raw);
  if (lineColumn) {
    line = Number(lineColumn[1]);
    column = Number(lineColumn[2]);
  } else if (position) {
    const before = text.slice(0, Number(position[1]));
    line = before.split("\n").length;
    column = before.length - before.lastIndexOf("\n");
  } else {
    // Some engines name no position ("Unexpected token '}', "…" is not valid JSON"); JSON5's
    // parser, a superset of JSON's, stops at the same character and says where.
    try {
      json5.parse(text);
    } catch (json5Error) {
      const where = json5Error as { lineNumber?: number; columnNumber?: number };
      line = where.lineNumber;
      column = where.columnNumber;
    }
  }
  const reason = raw
    .replace(/,\s*".*" is not valid JSON$/s, "")
    .replace(/^JSON\.parse:\s*/, "")
    .replace(/\s*(in JSON )?at position \d+.*$/, "")
    .replace(/\s*at line \d+ column \d+ of the JSON data$/, "")
    .replace(/\s*\(line \d+ column \d+\)$/, "");
  const where = line !== undefined ? `Line ${line}, column ${column}: ` : "";
  const sentence = reason.charAt(0).toUpperCase() + reason.slice(1);
  return { ok: false, message: `${where}${sentence.replace(/\.?$/, ".")} The body must be JSON (or a curl, Node, Python or Ruby example).`, line, column };
}
