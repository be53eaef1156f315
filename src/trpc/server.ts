import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "~/server/context";
import { createCaller } from "~/server/routers/_app";

const createRscContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

/** React Server Components call procedures directly, through the same router and context. */
export const api = createCaller(createRscContext);
