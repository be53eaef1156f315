// How tRPC's wire carries values, shared by the server (src/server/trpc.ts) and every client.
// Requests are plain JSON: what a client sends is exactly what the raw-input guard and the
// schema read, with nothing rebuilt in between. Answers are superjson, so Dates arrive as Dates
// (the server writes superjson's format with its own faster encoder, src/server/answer-encoding.ts).
// @see https://trpc.io/docs/server/data-transformers#different-transformers-for-upload-and-download
import superjson from "superjson";

const plainJson = {
  serialize: (value: unknown) => value,
  deserialize: (value: unknown) => value,
};

export const transformer = { input: plainJson, output: superjson };
