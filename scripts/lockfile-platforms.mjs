// Keeps package-lock.json acceptable to `npm ci` when the registry in use does not
// carry every platform build of a package (here: no macOS/Windows binaries).
// npm leaves such optional dependencies out of the lock file, then `npm ci` calls
// the lock "out of sync". This adds each one back as an optional entry with the
// os/cpu its name declares, so every machine skips it without fetching anything.
// Run after `npm install` changes dependencies: `node scripts/lockfile-platforms.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["darwin", "win32", "linux", "android", "freebsd", "openharmony", "sunos", "aix"];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "riscv64", "s390x", "loong64", "wasm32"];

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const parts = name.split(/[/-]/);
    const os = OS.find((value) => parts.includes(value));
    const cpu = CPU.find((value) => parts.includes(value));
    packages[`node_modules/${name}`] = {
      version: String(spec).replace(/^[~^=]/, ""),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: ${added} optional platform entr${added === 1 ? "y" : "ies"} added`);
