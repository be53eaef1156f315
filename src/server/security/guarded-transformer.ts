import { TRPCError } from "@trpc/server";
import superjson, { type SuperJSONResult } from "superjson";
import { rawInputProblem } from "./raw-input-guard";

/**
 * superjson, with input checked by the raw-input guard as it came off the wire.
 * superjson copies the parsed JSON before anything else sees it, and the copy turns a
 * `__proto__` key into an assignment to the prototype: the key vanishes, so a guard
 * run afterwards (the `saneInput` middleware) never sees it.
 */
export const guardedTransformer = {
  input: {
    serialize: (value: unknown) => superjson.serialize(value),
    deserialize: (payload: unknown) => {
      const problem = rawInputProblem(isEnvelope(payload) ? payload.json : payload);
      if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
      return superjson.deserialize(payload as SuperJSONResult);
    },
  },
  output: superjson,
};

function isEnvelope(payload: unknown): payload is { json: unknown } {
  return typeof payload === "object" && payload !== null && Object.hasOwn(payload, "json");
}
