// superjson, with each request's input checked before superjson touches it. superjson's
// deserialize copies the JSON, and the copy turns an own `__proto__` key into the copy's
// prototype: the key (and whatever it held) vanishes before any guard or schema can see it,
// and the rest of the input is accepted. Its `meta` can also rebuild the input into a graph
// (shared or circular references) far larger than the body.
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { rawInputIssues, rawInputRefusal } from "~/server/security/raw-input-guard";

/** More values than a 1 MiB body of plain JSON could hold: only shared references get here. */
export const MAX_INPUT_VALUES = 1_000_000;

const ENVELOPE_MESSAGE = 'The input must be superjson\'s envelope: {"json": …} with an optional "meta".';
const META_MESSAGE = "The input's superjson \"meta\" does not describe its \"json\"; send what the Spool client sends.";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How many values `value` holds when every shared reference is counted each time; Infinity for a cycle. */
function expandedSize(value: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  const visiting = new Set<object>();
  const size = (node: unknown): number => {
    if (typeof node !== "object" || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) return Infinity;
    visiting.add(node);
    let total = 1;
    for (const child of Object.values(node)) {
      total += size(child);
      if (total > limit) break;
    }
    visiting.delete(node);
    sizes.set(node, total);
    return total;
  };
  return size(value);
}

function withinSize(value: unknown): boolean {
  try {
    return expandedSize(value, MAX_INPUT_VALUES) <= MAX_INPUT_VALUES;
  } catch {
    return false; // a chain of references deeper than the stack
  }
}

function deserializeInput(payload: unknown): unknown {
  if (!isRecord(payload)) throw new TRPCError({ code: "BAD_REQUEST", message: ENVELOPE_MESSAGE });
  const problem = rawInputRefusal(payload.json);
  if (problem) throw problem;
  if (payload.meta === undefined) return superjson.deserialize(payload as { json: never });
  if (!isRecord(payload.meta) || rawInputIssues(payload.meta).length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: META_MESSAGE });
  let value: unknown;
  try {
    value = superjson.deserialize(payload as never);
  } catch (cause) {
    throw new TRPCError({ code: "BAD_REQUEST", message: META_MESSAGE, cause });
  }
  if (payload.meta.referentialEqualities !== undefined && !withinSize(value)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "The input refers to itself, or repeats one value too many times." });
  }
  return value;
}

/** The tRPC transformer: superjson both ways, with inputs checked as above. */
export const checkedSuperjson = {
  input: { serialize: (value: unknown) => superjson.serialize(value), deserialize: deserializeInput },
  output: { serialize: (value: unknown) => superjson.serialize(value), deserialize: (value: unknown) => superjson.deserialize(value as never) },
};
