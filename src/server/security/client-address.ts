// Who is on the other end of a request when nobody is signed in: the socket's peer, or,
// only when that peer is a proxy SPOOL_TRUSTED_PROXIES names, the address it reports in
// X-Forwarded-For. Imports nothing server-only: Spool's HTTP server (scripts/next-server.ts)
// stamps the peer with it before Next.js sees the request.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * Set by Spool's own HTTP server from the socket, overwriting whatever a client sent.
 * Next.js cannot tell the socket's address apart from a client's X-Forwarded-For: it keeps
 * a header the client sent and fills it from the socket only when there is none.
 */
export const PEER_ADDRESS_HEADER = "x-spool-peer-address";

export function stampPeerAddress(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = normalizeAddress(request.socket.remoteAddress ?? "");
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is 10.0.0.1; anything else is kept as written. */
function normalizeAddress(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  return mapped ? mapped[1]! : bare.toLowerCase();
}

export class TrustedProxies {
  private readonly list = new BlockList();

  /** Entries as SPOOL_TRUSTED_PROXIES validated them: addresses or networks. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = "", prefix] = entry.split("/");
      const type = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  trusts(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 6 ? "ipv6" : "ipv4");
  }
}

/**
 * The client's address. X-Forwarded-For is read right to left, each trusted proxy having
 * appended the address it saw; the first address no trusted proxy owns is the client.
 * Whatever a client writes to the left of that is never reached, so rotating it changes
 * nothing. Without Spool's server in front (tests calling procedures directly) it is "local".
 */
export function clientAddress(headers: Headers, trusted: TrustedProxies): string {
  const peer = normalizeAddress(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return "local";
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalizeAddress).filter(Boolean);
  let client = peer;
  while (trusted.trusts(client) && hops.length > 0) {
    const next = hops.pop()!;
    // A hop that is not an address is where the chain stops being trustworthy.
    if (isIP(next) === 0) break;
    client = next;
  }
  return client;
}
