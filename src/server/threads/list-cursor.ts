// The list's keyset cursor: where the previous page stopped, opaque to clients.
import { z } from "zod";
import type { ThreadOrder } from "~/lib/thread-filters";

/**
 * The last row of a page: its sort key, and its creation sequence, which breaks ties
 * within one second in the order Spool recorded the threads.
 */
export type ListPosition = { order: ThreadOrder; createdAt: number; seq: number };

const positionSchema = z.tuple([z.enum(["newest", "oldest"]), z.int().min(0), z.int().min(0)]);

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.createdAt, position.seq])).toString("base64url");
}

const MALFORMED = "cursor is not one Spool issued; start again from the first page.";

/** A string from `nextCursor`, decoded; anything else is a BAD_REQUEST naming the cursor. */
export const cursorSchema = z
  .string()
  .max(400, MALFORMED)
  .transform((text, ctx): ListPosition => {
    let decoded: unknown;
    try {
      if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error("not base64url");
      decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    } catch {
      decoded = undefined;
    }
    const parsed = positionSchema.safeParse(decoded);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: MALFORMED });
      return z.NEVER;
    }
    const [order, createdAt, seq] = parsed.data;
    return { order, createdAt, seq };
  });
