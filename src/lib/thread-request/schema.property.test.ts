import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  invalidThreadCreateRequest,
  invalidThreadCreateRequestBreaking,
  MUTATOR_NAMES,
  unstorablePaths,
  validThreadCreateRequest,
} from "./arbitraries";
import { issuesToFieldErrors } from "./issue-path";
import { isAbsoluteUri, threadCreateRequestSchema } from "./schema";

const RUNS = 200;

/** zod's default English messages start like this; ours never do. */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too (big|small)|Unrecognized key|Invalid discriminator)/;

/** The contract's own JSON Schema for CreateThreadRequest (OpenAPI 3.1 = JSON Schema 2020-12). */
function contractValidator() {
  const contract = parseYaml(
    readFileSync(new URL("../../../contract/openai-threads.openapi.yaml", import.meta.url), "utf8")
  ) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("unixtime", true);
  ajv.addSchema({ ...contract, $id: "contract" });
  const validate = ajv.getSchema("contract#/components/schemas/CreateThreadRequest");
  if (!validate) throw new Error("CreateThreadRequest not found in the contract");
  return (value: unknown) => validate(value) === true;
}
const contractAccepts = contractValidator();

/** Spool refuses what it cannot store (see storable-input.ts): exactly there, and nothing else. */
function expectRefusedAtUnstorablePaths(result: ReturnType<typeof threadCreateRequestSchema.safeParse>, unstorable: string[]) {
  expect(result.success).toBe(false);
  const errors = issuesToFieldErrors(result.error!);
  expect([...new Set(errors.map((e) => e.path))].sort()).toEqual([...new Set(unstorable)].sort());
  for (const { message } of errors) expect(message).toMatch(/NUL character|unpaired UTF-16 surrogate|is reserved|Unknown field|absolute URI/);
}

describe("property: every contract-valid request is accepted untouched, unless Spool cannot store it", () => {
  it("parses every generated valid request and the output deep-equals the input", () => {
    fc.assert(
      fc.property(validThreadCreateRequest, (request) => {
        const snapshot = structuredClone(request);
        const result = threadCreateRequestSchema.safeParse(request);
        expect(request).toStrictEqual(snapshot); // the input is not mutated either
        const unstorable = unstorablePaths(request);
        if (unstorable.length > 0) return expectRefusedAtUnstorablePaths(result, unstorable);
        if (!result.success) throw new Error(JSON.stringify(issuesToFieldErrors(result.error)));
        expect(result.data).toStrictEqual(request);
      }),
      { numRuns: RUNS }
    );
  });

  it("refuses NUL, lone surrogates and prototype keys wherever they are, naming the field", () => {
    const cases: Array<[string, string, string]> = [
      ['{"messages":[{"role":"user","content":"a\\u0000b"}]}', "messages[0].content", "Text cannot contain the NUL character (U+0000): Spool cannot store it."],
      ['{"metadata":{"__proto__":"x"}}', "metadata.__proto__", 'Metadata key "__proto__" is reserved: Spool cannot store it safely.'],
      ['{"metadata":{"constructor":"x"}}', "metadata.constructor", 'Metadata key "constructor" is reserved: Spool cannot store it safely.'],
      ['{"metadata":{"k":"\\ud800"}}', "metadata.k", "Text cannot contain an unpaired UTF-16 surrogate (U+D800–U+DFFF): it is not valid Unicode, so Spool cannot store it."],
      ['{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://a.example/\\u0000"}}]}]}', "messages[0].content[0].image_url.url", "Text cannot contain the NUL character (U+0000): Spool cannot store it."],
      ['{"tool_resources":{"code_interpreter":{"prototype":{}}}}', "tool_resources.code_interpreter.prototype", 'Field name "prototype" is reserved: Spool cannot store it safely.'],
    ];
    for (const [json, path, message] of cases) {
      const result = threadCreateRequestSchema.safeParse(JSON.parse(json));
      expect(result.success, json).toBe(false);
      expect(issuesToFieldErrors(result.error!), json).toContainEqual({ path, message });
    }
  });

  it("still parses to an equal value after a JSON round trip (what the router receives)", () => {
    fc.assert(
      fc.property(validThreadCreateRequest, (request) => {
        const wire = JSON.parse(JSON.stringify(request)) as unknown;
        expect(wire).toStrictEqual(request); // the generator only makes JSON-clean values
        const result = threadCreateRequestSchema.safeParse(wire);
        const unstorable = unstorablePaths(wire);
        if (unstorable.length > 0) return expectRefusedAtUnstorablePaths(result, unstorable);
        if (!result.success) throw new Error(JSON.stringify(issuesToFieldErrors(result.error)));
        expect(result.data).toStrictEqual(wire);
        expect(JSON.parse(JSON.stringify(result.data))).toStrictEqual(wire);
      }),
      { numRuns: RUNS }
    );
  });

  it("generates only requests the contract's JSON Schema also accepts (the generator is honest)", () => {
    fc.assert(
      fc.property(validThreadCreateRequest, (request) => {
        expect(contractAccepts(request)).toBe(true);
      }),
      { numRuns: RUNS }
    );
  });
});

describe("property: breaking exactly one limit is rejected at that limit's path", () => {
  it("rejects a valid request with one random limit broken, reporting the expected path", () => {
    fc.assert(
      fc.property(invalidThreadCreateRequest, ({ name, request, path }) => {
        const result = threadCreateRequestSchema.safeParse(request);
        expect(result.success, name).toBe(false);
        const errors = issuesToFieldErrors(result.error!);
        expect(errors.map((e) => e.path), name).toContain(path);
        for (const { message } of errors) {
          expect(message, name).not.toMatch(ZOD_DEFAULT);
          expect(message, name).toMatch(/\.$/);
        }
      }),
      { numRuns: RUNS }
    );
  });

  it.each(MUTATOR_NAMES)("rejects: %s", (mutatorName) => {
    fc.assert(
      fc.property(invalidThreadCreateRequestBreaking(mutatorName), ({ request, path, source }) => {
        const result = threadCreateRequestSchema.safeParse(request);
        expect(result.success).toBe(false);
        expect(issuesToFieldErrors(result.error!).map((e) => e.path)).toContain(path);
        // Which document the limit comes from: the JSON Schema rejects its own keywords, and
        // does not know the prose limits (or Spool's stricter negative-overlap rule).
        expect(contractAccepts(request)).toBe(source !== "schema");
      }),
      { numRuns: 15 }
    );
  });
});

describe("property: format uri matches the JSON Schema reading of the contract", () => {
  const ajvUri = fullFormats.uri as (value: string) => boolean;
  const uriish = fc
    .array(
      fc.constantFrom(
        ..."aZ09:/?#[]@%.-+_~!$&'(),;= é".split(""),
        "%4",
        "%41",
        "%zz",
        "//",
        "http:",
        "data:",
        "[::1]",
        "[v1.a]",
        "1.2.3.4",
        "😀"
      ),
      { maxLength: 24 }
    )
    .map((parts) => parts.join(""));

  it("isAbsoluteUri agrees with ajv-formats' `uri` on URI-like strings", () => {
    fc.assert(
      fc.property(uriish, (value) => {
        expect(isAbsoluteUri(value)).toBe(ajvUri(value));
      }),
      { numRuns: 2_000 }
    );
  });

  it("isAbsoluteUri accepts generated web URLs", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isAbsoluteUri(url)).toBe(true);
      }),
      { numRuns: RUNS }
    );
  });
});
