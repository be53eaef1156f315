import "server-only";
import { viewerFrom, type Viewer } from "~/server/auth/viewer";
import { serverEnv } from "~/server/env";
import { prisma, type Database } from "~/server/prisma";
import { clientAddress, TrustedProxies } from "~/server/security/client-address";
import { upstreamCallLimit, type UpstreamCallLimit } from "~/server/security/upstream-call-limit";
import { assistantsUpstream, type AssistantsUpstream } from "~/server/upstream/assistants-client";

/** What a service needs to do its work; services take it as their first argument. */
export type ServiceDeps = { db: Database; upstream: AssistantsUpstream };

export type Context = ServiceDeps & {
  headers: Headers;
  /** Who is asking; `anonymous` is refused by every procedure (see trpc.ts). */
  viewer: Viewer;
  /** The socket's peer, or what a trusted proxy says the client is: keys the limit without sign-in. */
  clientAddress: string;
  upstreamLimit: UpstreamCallLimit;
};

/** The context from its parts: the route builds them from the environment, tests from their own stack. */
export function createContextInner(parts: Context): Context {
  const { headers, viewer, clientAddress, upstreamLimit, db, upstream } = parts;
  return { headers, viewer, clientAddress, upstreamLimit, db, upstream };
}

let trustedProxies: { entries: readonly string[]; list: TrustedProxies } | undefined;

/** @see https://trpc.io/docs/server/context#inner-and-outer-context */
export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const env = serverEnv();
  return createContextInner({
    headers: opts.headers,
    viewer: viewerFrom(opts.headers, env.SPOOL_AUTH_PROXY_HEADER, env.SPOOL_AUTH_PROXY_SECRET),
    clientAddress: clientAddress(opts.headers, trustedProxiesFor(env.SPOOL_TRUSTED_PROXIES)),
    upstreamLimit: upstreamCallLimit(env.DATABASE_URL, env.SPOOL_CREATE_RATE_LIMIT),
    db: prisma(),
    upstream: assistantsUpstream(),
  });
}

function trustedProxiesFor(entries: readonly string[]): TrustedProxies {
  if (trustedProxies?.entries !== entries) trustedProxies = { entries, list: new TrustedProxies(entries) };
  return trustedProxies.list;
}
