import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY_CANARY } from "./key-canary";
import { scanFilesForCanary } from "./scan-files";

describe("scanFilesForCanary", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function tree(files: Record<string, string | Buffer>) {
    root = mkdtempSync(path.join(tmpdir(), "spool-scan-"));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), content);
    }
  }

  it("finds the key inlined in a nested client chunk, in any of its encodings", () => {
    tree({
      "static/chunks/app/page-abc.js": `var k="${KEY_CANARY}";`,
      "static/chunks/other.js": `fetch("/x?key=${encodeURIComponent(KEY_CANARY)}")`,
      "server/app/index.html": `<meta content="${Buffer.from(KEY_CANARY).toString("base64")}">`,
      "static/css/app.css": "body{color:red}",
    });
    const result = scanFilesForCanary(root);
    expect(result.files).toBe(4);
    expect(result.leaks.map((leak) => leak.file).sort()).toEqual([
      "server/app/index.html",
      "static/chunks/app/page-abc.js",
      "static/chunks/other.js",
    ]);
  });

  it("finds the key inside a binary file", () => {
    tree({ "cache/blob.bin": Buffer.concat([Buffer.from([0, 255, 7]), Buffer.from(KEY_CANARY), Buffer.from([0])]) });
    expect(scanFilesForCanary(root).leaks).toHaveLength(1);
  });

  it("reports a clean tree as clean", () => {
    tree({ "static/chunks/a.js": "console.log('sk-other-key')", "server/page.js": "process.env.OPENAI_API_KEY" });
    expect(scanFilesForCanary(root).leaks).toEqual([]);
  });
});
