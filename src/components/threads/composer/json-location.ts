// Where in the JSON text a problem is, so the editor can put the cursor on it. Imported
// only by the lazily loaded JSON editor: jsonc-parser stays out of the composer's first load.
import { findNodeAtLocation, parseTree, type Node, type ParseError } from "jsonc-parser";

/** A problem's place: a schema error's path in the body, or a syntax error's line and column (1-based). */
export type JsonSpot = { path: readonly (string | number)[] } | { line: number; column: number };

/** What to select: `from` is where the cursor goes, `to` the end of the selection (equal for none). */
export type TextRange = { from: number; to: number };

/**
 * The text of `spot` in `text`. A path's value is selected when it is a scalar (typing replaces
 * it); for an object or array the cursor goes to its key, or its opening bracket in a list. A
 * path that is not in the text (a required field left out) lands just inside the nearest
 * object or array that is. Undefined when `text` is not JSON (a pasted curl command or SDK call).
 */
export function locateInJson(text: string, spot: JsonSpot): TextRange | undefined {
  if ("line" in spot) return locateLineColumn(text, spot.line, spot.column);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length > 0) return undefined;
  const path = [...spot.path];
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth));
    if (!node) continue;
    if (depth < path.length) {
      // The field is missing: inside its parent, right after the opening bracket.
      const inside = node.type === "object" || node.type === "array" ? node.offset + 1 : node.offset;
      return { from: inside, to: inside };
    }
    return rangeOfNode(node);
  }
  return undefined;
}

function rangeOfNode(node: Node): TextRange {
  if (node.type !== "object" && node.type !== "array") return { from: node.offset, to: node.offset + node.length };
  const key = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
  if (key) return { from: key.offset, to: key.offset + key.length };
  return { from: node.offset, to: node.offset };
}

/**
 * The offset of a syntax error's line and column. The composer reads the text trimmed, so the
 * position counts from its first non-blank character. A curl command's position is inside its
 * quoted body, not the command, so it is not placed.
 */
function locateLineColumn(text: string, line: number, column: number): TextRange | undefined {
  const start = text.length - text.trimStart().length;
  if (/^curl\s/.test(text.slice(start))) return undefined;
  let offset = start;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf("\n", offset);
    if (newline < 0) return undefined;
    offset = newline + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const at = Math.min(offset + column - 1, lineEnd < 0 ? text.length : lineEnd);
  return { from: at, to: at };
}
