import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "~/server/context";
import { knownErrorAnswer, retryAfterSecondsOf } from "~/server/error-mapping";
import { appRouter } from "~/server/routers/_app";
import { batchProblem } from "~/server/security/batch-limit";
import { guardedBody, requestProblem } from "~/server/security/request-body-guard";

/**
 * `/api/trpc/<procedure>`: refusals that need no body first (size, batch), the body guarded as
 * it streams in, then tRPC with Spool's context. Served by Spool's HTTP server in production
 * and by the Next.js route (src/app/api/trpc/[trpc]/route.ts) in development.
 */
export function serveTrpc(req: Request): Promise<Response> {
  const problem = requestProblem(req) ?? batchProblem(req);
  // Refused before reading the body; a context that throws lets tRPC shape the answer.
  if (problem) return respond(bodiless(req), () => Promise.reject(problem));
  const guarded = req.body ? new Request(req, { body: guardedBody(req.body), duplex: "half" } as RequestInit) : req;
  return respond(guarded, () => createContext({ headers: req.headers }));
}

function respond(req: Request, context: () => ReturnType<typeof createContext>) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: context,
    responseMeta({ errors }) {
      const wait = errors.map(retryAfterSecondsOf).find((seconds) => seconds !== undefined);
      return wait === undefined ? {} : { headers: new Headers({ "retry-after": String(wait) }) };
    },
    onError({ error, path }) {
      // Spool's own errors are answers; anything else is a bug worth a log line.
      if (error.code === "INTERNAL_SERVER_ERROR" && !knownErrorAnswer(error)) {
        console.error(`[spool] tRPC ${path ?? "?"} failed:`, error.cause?.message ?? error.message);
      }
    },
  });
}

/** The same call without its input: what tRPC needs to answer each procedure with the error. */
function bodiless(req: Request): Request {
  const url = new URL(req.url);
  url.search = url.searchParams.get("batch") === "1" ? "?batch=1" : "";
  const headers = new Headers(req.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Request(url, { method: req.method, headers });
}
