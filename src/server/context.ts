import "server-only";
import { viewerFrom, type Viewer } from "~/server/auth/viewer";
import { serverEnv } from "~/server/env";
import { prisma } from "~/server/prisma";
import { createRateLimit, type CreateRateLimit } from "~/server/security/create-rate-limit";
import { assistantsClient } from "~/server/upstream/assistants-client";
import type { ThreadServiceDeps } from "~/server/threads/thread-service";

export type Context = ThreadServiceDeps & {
  headers: Headers;
  /** Who is asking; `anonymous` is refused by every procedure (see trpc.ts). */
  viewer: Viewer;
  createLimit: CreateRateLimit;
};

export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const env = serverEnv();
  return {
    headers: opts.headers,
    viewer: viewerFrom(opts.headers, env.SPOOL_AUTH_PROXY_HEADER, env.SPOOL_AUTH_PROXY_SECRET),
    createLimit: createRateLimit(env.SPOOL_CREATE_RATE_LIMIT),
    db: prisma(),
    upstream: assistantsClient(),
    apiKey: env.OPENAI_API_KEY,
  };
}
