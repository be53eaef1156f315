import "server-only";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { PassThrough } from "~/server/gateway/pass-through";
import { stampPeerAddress } from "~/server/security/client-address";

/**
 * What Spool's HTTP server (scripts/next-server.ts) does with each request: the gateway's
 * pass-through serves what it takes, before Next.js; everything else goes to Next.js, told
 * the socket's peer. Tests put the real routes where Next.js is (src/test/gateway-server.ts).
 */
export function spoolRequestListener(passThrough: PassThrough, next: (request: IncomingMessage, response: ServerResponse) => void): RequestListener {
  return (request, response) => {
    if (passThrough.take(request, response)) return;
    stampPeerAddress(request);
    next(request, response);
  };
}
