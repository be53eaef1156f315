// How the server encodes a tRPC answer for the wire (src/server/trpc.ts): superjson's output, made faster for
// what Spool's answers are. superjson's walker keeps a path array and an identity entry for
// every value it visits, so a 25-row list page cost it 0.5–0.8 ms and most of the garbage of
// the request (28% of the list call's CPU in a profile, docs/BENCHMARKS.md), on a read whose
// target is 8 ms at p95. Spool's answers are plain objects and arrays of JSON values, Dates,
// bigints and undefined; this walks those once, and hands anything else (a Map, a shared or
// circular reference, NaN, a class instance) to superjson itself. Clients decode with
// superjson unchanged (src/trpc/transformer.ts): answer-encoding.test.ts proves the output
// equal to superjson's. Server-side only, so no page carries it.
import "server-only";
import superjson from "superjson";

type Annotation = "Date" | "bigint" | "undefined";
type Encoded = ReturnType<typeof superjson.serialize>;

/** Not one of the shapes walked here: superjson encodes the whole answer instead. */
const OTHER = Symbol("not a plain answer");

/** superjson's own escaping of one path segment (pathstringifier.js). */
const escapeKey = (key: string) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");

// superjson refuses these keys (prototype pollution); it throws its own error for them.
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A value JSON holds as it is: nothing for superjson to annotate. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

// Answers marked by plainJsonAnswer: held weakly, so a mark never outlives its answer.
const plainAnswers = new WeakSet<object>();

/**
 * Marks an answer made only of JSON values (its type says so), so encodeAnswer sends it as it
 * is instead of walking it for Dates: for the list page, where the walk was the largest
 * single cost of the call (0.45–0.5 ms a page of 25 rows, timed in the server, docs/BENCHMARKS.md).
 * superjson's decoder returns an answer without annotations unchanged.
 */
export function plainJsonAnswer<T extends JsonValue & object>(value: T): T {
  // The type is the promise; outside production the value is checked too, so a test meets a
  // Date or a NaN that a cast let in (JSON.stringify would send null or a string instead).
  if (process.env.NODE_ENV !== "production") assertPlainJson(value, "answer");
  plainAnswers.add(value);
  return value;
}

function assertPlainJson(value: unknown, path: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertPlainJson(item, `${path}[${index}]`));
    return;
  } else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) assertPlainJson(item, `${path}.${key}`);
    return;
  }
  throw new TypeError(`plainJsonAnswer: ${path} is not a JSON value (${value instanceof Date ? "a Date" : String(value)}).`);
}

export function encodeAnswer(value: unknown): Encoded {
  if (!isContainer(value)) return superjson.serialize(value);
  if (plainAnswers.has(value)) return { json: value } as Encoded;
  const seen = new Set<object>();
  const path: string[] = [];
  let values: Record<string, [Annotation]> | null = null;
  const annotate = (type: Annotation) => {
    (values ??= {})[path.map(escapeKey).join(".")] = [type];
  };

  const walk = (node: unknown): unknown => {
    switch (typeof node) {
      case "string":
      case "boolean":
        return node;
      case "number":
        if (!Number.isFinite(node) || Object.is(node, -0)) throw OTHER;
        return node;
      case "undefined":
        // As superjson writes it: null on the wire, undefined again once decoded.
        annotate("undefined");
        return null;
      case "bigint":
        annotate("bigint");
        return node.toString();
      case "object": {
        if (node === null) return null;
        // superjson records a value met twice as a referential equality: its own job.
        if (seen.has(node)) throw OTHER;
        seen.add(node);
        if (node instanceof Date) {
          if (Number.isNaN(node.getTime())) throw OTHER;
          annotate("Date");
          return node.toISOString();
        }
        if (Array.isArray(node)) {
          if (Object.getPrototypeOf(node) !== Array.prototype) throw OTHER;
          const out: unknown[] = [];
          for (let i = 0; i < node.length; i++) {
            if (!(i in node)) throw OTHER;
            path.push(String(i));
            out.push(walk(node[i]));
            path.pop();
          }
          return out;
        }
        if (!isPlainObject(node)) throw OTHER;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(node)) {
          if (REFUSED_KEYS.has(key)) throw OTHER;
          path.push(key);
          out[key] = walk((node as Record<string, unknown>)[key]);
          path.pop();
        }
        return out;
      }
      default:
        throw OTHER;
    }
  };

  let json: unknown;
  try {
    json = walk(value);
  } catch (error) {
    if (error === OTHER) return superjson.serialize(value);
    throw error;
  }
  return (values ? { json, meta: { values, v: 1 } } : { json }) as Encoded;
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && (Array.isArray(value) || isPlainObject(value));
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
