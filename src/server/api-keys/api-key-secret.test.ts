// A key's shape is checked before any lookup: every key Spool issues must pass, nothing else may.
import { describe, expect, it } from "vitest";
import { bearerSecret, hasIssuedShape, newApiKeySecret } from "./api-key-secret";

describe("a Spool key's shape", () => {
  it("is what every issued key has", () => {
    for (let made = 0; made < 500; made++) expect(hasIssuedShape(newApiKeySecret())).toBe(true);
  });

  it("is not what a cut, padded, foreign or malformed key has, so those are refused without a lookup", () => {
    const issued = newApiKeySecret();
    for (const other of [issued.slice(0, -1), `${issued}A`, issued.replace("spool_", "sk-"), issued.replace("spool_", "SPOOL_"), `${issued.slice(0, -1)}=`, `${issued.slice(0, -1)}+`, "spool_not-a-real-key", ""]) {
      expect({ other, shaped: hasIssuedShape(other) }).toEqual({ other, shaped: false });
    }
  });

  it("is read from the Authorization header as sent", () => {
    const issued = newApiKeySecret();
    expect(bearerSecret(`Bearer ${issued}`)).toBe(issued);
    expect(bearerSecret(`bearer   ${issued}  `)).toBe(issued);
    expect(bearerSecret(`Basic ${issued}`)).toBeNull();
  });
});
