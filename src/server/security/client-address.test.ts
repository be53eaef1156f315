// The address a limit is keyed on without sign-in: never what the client says, unless a trusted proxy says it.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, stampPeerAddress, TrustedProxies } from "./client-address";

const request = (peer: string, forwardedFor?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peer, ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }) });

describe("clientAddress", () => {
  const none = new TrustedProxies([]);
  const proxies = new TrustedProxies(["10.0.0.0/8", "::1"]);

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    for (const rotated of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "not an address", ""]) {
      expect(clientAddress(request("192.0.2.7", rotated), none)).toBe("192.0.2.7");
    }
  });

  it("is the address a trusted proxy appended; what the client wrote to its left changes nothing", () => {
    for (const rotated of ["1.1.1.1", "9.9.9.9", "10.1.1.1", "garbage"]) {
      expect(clientAddress(request("10.0.0.2", `${rotated}, 198.51.100.4`), proxies)).toBe("198.51.100.4");
    }
    // Two trusted hops: the first untrusted address from the right is the client.
    expect(clientAddress(request("10.0.0.2", "1.1.1.1, 198.51.100.4, 10.9.9.9"), proxies)).toBe("198.51.100.4");
    // IPv6 loopback proxy, IPv4-mapped addresses.
    expect(clientAddress(request("::1", "::ffff:203.0.113.9"), proxies)).toBe("203.0.113.9");
  });

  it("does not believe X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress(request("203.0.113.50", "10.0.0.1, 1.2.3.4"), proxies)).toBe("203.0.113.50");
  });

  it("stops at a hop that is not an address, keeping the last trusted one", () => {
    expect(clientAddress(request("10.0.0.2", "1.1.1.1, unknown"), proxies)).toBe("10.0.0.2");
  });

  it("is 'local' when Spool's server did not stamp the request (a procedure called directly)", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1" }), none)).toBe("local");
  });

  it("overwrites a peer address a client sent itself with the socket's", () => {
    const incoming = { headers: { [PEER_ADDRESS_HEADER]: "1.1.1.1" }, socket: { remoteAddress: "::ffff:127.0.0.1" } } as unknown as IncomingMessage;
    stampPeerAddress(incoming);
    expect(incoming.headers[PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
  });
});
