// What a procedure called through createCaller refused with: shared by the router tests.
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** The TRPCError `promise` rejects with (failing the test if it resolves), checked against `code` when given. */
export async function rejection(promise: Promise<unknown>, code?: TRPCError["code"]): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  if (code) expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}
