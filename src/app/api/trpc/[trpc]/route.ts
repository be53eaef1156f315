// The tRPC API as Next.js serves it in development (it reloads the routers on edit). In
// production Spool's HTTP server serves the same endpoint before Next.js
// (src/server/spool-request-listener.ts), so this route only answers when nothing is in front.
import { serveTrpc } from "~/server/http/trpc-endpoint";

export { serveTrpc as GET, serveTrpc as POST };
