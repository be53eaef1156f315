// Writes a JSON value as a literal of a dynamic language (JavaScript, Python, Ruby).
import { jsString, pythonString, rubyString } from "./string-literals";

export type DynamicLanguage = "node" | "python" | "ruby";

const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RUBY_SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Fields whose values are names from the contract, written as Ruby symbols (`role: :user`). */
const RUBY_ENUM_FIELDS = new Set(["role", "type", "detail"]);

function keyLiteral(key: string, language: DynamicLanguage): string {
  switch (language) {
    case "node":
      // `{"__proto__": x}` sets the prototype in an object literal; a computed key is a plain key.
      if (key === "__proto__") return '["__proto__"]';
      return JS_IDENTIFIER.test(key) ? key : jsString(key);
    case "python":
      return pythonString(key);
    case "ruby":
      return RUBY_SYMBOL.test(key) ? key : rubyString(key);
  }
}

function scalar(value: unknown, language: DynamicLanguage, enumField: boolean): string {
  if (value === null) return { node: "null", python: "None", ruby: "nil" }[language];
  if (typeof value === "boolean") return language === "python" ? (value ? "True" : "False") : String(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : { node: "null", python: "None", ruby: "nil" }[language];
  if (typeof value === "string") {
    if (language === "ruby" && enumField && RUBY_SYMBOL.test(value)) return `:${value}`;
    return { node: jsString, python: pythonString, ruby: rubyString }[language](value);
  }
  return { node: "undefined", python: "None", ruby: "nil" }[language];
}

/** `value` as a literal, pretty-printed; `indent` is the current line's indentation. */
export function dynamicLiteral(value: unknown, language: DynamicLanguage, indent = "", enumField = false): string {
  const step = language === "python" ? "    " : "  ";
  const inner = indent + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${dynamicLiteral(item, language, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const separator = language === "ruby" ? ": " : ": ";
    const lines = entries.map(([key, item]) => {
      const name = keyLiteral(key, language);
      // Ruby writes "my key": as a quoted symbol; a plain key needs no quotes.
      return `${inner}${name}${separator}${dynamicLiteral(item, language, inner, language === "ruby" && RUBY_ENUM_FIELDS.has(key))},`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return scalar(value, language, enumField);
}

/** The Create-thread fields the SDKs take as keyword arguments. */
const SDK_ARGUMENTS = new Set(["messages", "metadata", "tool_resources"]);

/**
 * Splits a request body into the SDK method's own keyword arguments and everything else (keys the
 * contract does not define, or a draft still being typed), which must travel as `extra_body`.
 */
export function splitSdkArguments(request: Record<string, unknown>): { named: Record<string, unknown>; extra?: Record<string, unknown> } {
  const named: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (SDK_ARGUMENTS.has(key)) named[key] = value;
    else Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(extra).length > 0 ? { named, extra } : { named };
}

/** The top-level fields as keyword arguments (`messages=[…]` in Python, `messages: […]` in Ruby). */
export function keywordArguments(request: Record<string, unknown>, language: "python" | "ruby", indent: string): string {
  const entries = Object.entries(request);
  if (entries.length === 0) return "";
  const lines = entries.map(
    ([key, value]) => `${indent}${key}${language === "python" ? "=" : ": "}${dynamicLiteral(value, language, indent)},`,
  );
  return `\n${lines.join("\n")}\n`;
}
