import "server-only";
import { viewerFrom, type Viewer } from "~/server/auth/viewer";
import { serverEnv } from "~/server/env";
import { prisma, type Database } from "~/server/prisma";
import { createRateLimit, type CreateRateLimit } from "~/server/security/create-rate-limit";
import { assistantsUpstream, type AssistantsUpstream } from "~/server/upstream/assistants-client";

/** What a service needs to do its work; services take it as their first argument. */
export type ServiceDeps = { db: Database; upstream: AssistantsUpstream };

export type Context = ServiceDeps & {
  headers: Headers;
  /** Who is asking; `anonymous` is refused by every procedure (see trpc.ts). */
  viewer: Viewer;
  createLimit: CreateRateLimit;
};

/** The context from its parts: the route builds them from the environment, tests from their own stack. */
export function createContextInner(parts: Context): Context {
  return { headers: parts.headers, viewer: parts.viewer, createLimit: parts.createLimit, db: parts.db, upstream: parts.upstream };
}

/** @see https://trpc.io/docs/server/context#inner-and-outer-context */
export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const env = serverEnv();
  return createContextInner({
    headers: opts.headers,
    viewer: viewerFrom(opts.headers, env.SPOOL_AUTH_PROXY_HEADER, env.SPOOL_AUTH_PROXY_SECRET),
    createLimit: createRateLimit(env.SPOOL_CREATE_RATE_LIMIT),
    db: prisma(),
    upstream: assistantsUpstream(),
  });
}
