import "server-only";
import type { Viewer } from "~/server/auth/viewer";

/** Whose allowance a call draws from: the signed-in person, else the client's address. */
export function upstreamLimitKey(ctx: { viewer: Viewer; clientAddress: string }): string {
  return ctx.viewer.kind === "signed-in" ? `user:${ctx.viewer.id}` : `ip:${ctx.clientAddress}`;
}
