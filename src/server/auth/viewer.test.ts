import { describe, expect, it } from "vitest";
import { PROXY_SECRET_HEADER, viewerFrom } from "./viewer";

const SECRET = "0123456789abcdef0123456789abcdef-proxy";
const headers = (values: Record<string, string>) => new Headers(values);

describe("viewerFrom", () => {
  it("is open when no sign-in is configured, whatever the request says", () => {
    expect(viewerFrom(headers({ "x-forwarded-user": "mallory" }), undefined)).toEqual({ kind: "open" });
  });

  it("takes the user from the proxy's header", () => {
    expect(viewerFrom(headers({ "x-forwarded-user": " grace " }), "x-forwarded-user")).toEqual({ kind: "signed-in", id: "grace" });
  });

  it("refuses a request without the header, or with a control character in it", () => {
    expect(viewerFrom(headers({}), "x-forwarded-user").kind).toBe("anonymous");
    expect(viewerFrom(headers({ "x-forwarded-user": "a\u0007b" }), "x-forwarded-user").kind).toBe("anonymous");
  });

  describe("with a proxy secret", () => {
    const withSecret = (values: Record<string, string>) => viewerFrom(headers(values), "x-forwarded-user", SECRET);

    it("signs in only a request that carries the proxy's secret", () => {
      expect(withSecret({ "x-forwarded-user": "grace", [PROXY_SECRET_HEADER]: SECRET })).toEqual({ kind: "signed-in", id: "grace" });
    });

    it("refuses a forged identity header sent without the secret, or with a wrong one", () => {
      for (const secret of [undefined, "", SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase()]) {
        const values: Record<string, string> = { "x-forwarded-user": "mallory" };
        if (secret !== undefined) values[PROXY_SECRET_HEADER] = secret;
        const viewer = withSecret(values);
        expect(viewer).toEqual({ kind: "anonymous", reason: "Sign in to use Spool: the request did not come through the sign-in proxy." });
      }
    });
  });
});
