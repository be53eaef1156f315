// Walks a build output and reports every file that holds the key canary.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { canaryFormsIn } from "./key-canary";

export type ScanResult = { files: number; bytes: number; leaks: Array<{ file: string; forms: string[] }> };

export function scanFilesForCanary(root: string, key?: string): ScanResult {
  const result: ScanResult = { files: 0, bytes: 0, leaks: [] };
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        const size = statSync(full).size;
        // Binary files are read as latin1 so every byte sequence of the ASCII key still matches.
        const forms = canaryFormsIn(readFileSync(full).toString("latin1"), key);
        result.files += 1;
        result.bytes += size;
        if (forms.length) result.leaks.push({ file: path.relative(root, full), forms });
      }
    }
  };
  visit(root);
  return result;
}
