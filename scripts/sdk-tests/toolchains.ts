// One toolchain per SDK language: find it, install the pinned SDK into sdk-tests/.cache (never
// anywhere global), compile every generated sample and the scenario program in one step, run them.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { mustRun, probe, runCommand, type CommandResult } from "./command";

export const SDK_DIR = path.resolve("sdk-tests");
export const CACHE_DIR = path.join(SDK_DIR, ".cache");
/** Generated sources live inside the folder (Go needs them in its module), git-ignored. */
const GENERATED_DIR = path.join(SDK_DIR, "generated");

export type Env = Record<string, string>;

export type GeneratedSample = { name: string; code: string };

export type Toolchain = {
  id: "python" | "go" | "java";
  label: string;
  /** undefined when usable, otherwise why not (what is missing, what to install). */
  missing(): Promise<string | undefined>;
  /** Installs the pinned SDK unless the cache already holds exactly it. */
  install(): Promise<void>;
  /** Writes the samples and compiles them with the scenario program: one compilation per run. */
  build(samples: readonly GeneratedSample[]): Promise<void>;
  /** Runs every sample in one process; one JSON line per sample on stdout. */
  runSamples(env: Env): Promise<CommandResult>;
  /** Runs the scenario program; one JSON line per check on stdout. */
  runScenario(env: Env): Promise<CommandResult>;
};

async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

/** Whether `stamp` records `hash` (the pinned file the cache was built from). */
async function stampMatches(stamp: string, hash: string): Promise<boolean> {
  return existsSync(stamp) && (await readFile(stamp, "utf8")).trim() === hash;
}

function versionAtLeast(found: string, wanted: readonly number[]): boolean {
  const parts = found.split(".").map(Number);
  for (let i = 0; i < wanted.length; i++) {
    const have = parts[i] ?? 0;
    if (have !== wanted[i]) return have > (wanted[i] ?? 0);
  }
  return true;
}

async function freshDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

// ---------------------------------------------------------------------------------------------
// Python: a venv with requirements.txt, every package pinned (installed with --no-deps).

function python(): Toolchain {
  const venv = path.join(CACHE_DIR, "venv");
  const bin = path.join(venv, "bin", "python");
  const requirements = path.join(SDK_DIR, "requirements.txt");
  const samplesFile = path.join(GENERATED_DIR, "python", "samples.json");
  const env = (extra: Env = {}): NodeJS.ProcessEnv => ({ ...process.env, PIP_CACHE_DIR: path.join(CACHE_DIR, "pip"), ...extra });
  const py = (script: string, args: string[], extra: Env) =>
    // The SDK warns that Assistants are deprecated on every call; the point here is that they work.
    runCommand(bin, ["-W", "ignore::DeprecationWarning", path.join(SDK_DIR, "python", script), ...args], { env: env(extra), timeoutMs: 5 * 60_000 });
  return {
    id: "python",
    label: "Python (openai)",
    async missing() {
      const version = await probe("python3", ["-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"]);
      if (version === undefined) return "python3 with the venv module is not installed (Debian: apt-get install python3 python3-venv)";
      if (!versionAtLeast(version, [3, 9])) return `python3 is ${version}; openai needs 3.9 or newer`;
      return undefined;
    },
    async install() {
      const stamp = path.join(venv, ".requirements.sha256");
      const hash = await sha256(requirements);
      if (existsSync(bin) && (await stampMatches(stamp, hash))) return;
      await rm(venv, { recursive: true, force: true });
      await mustRun("python3 -m venv", "python3", ["-m", "venv", venv], { env: env() });
      // Every package is pinned (--no-deps: nothing to resolve) and a wheel (no build). Byte-code
      // is not compiled ahead for all of openai's modules: the first import writes it for the
      // ones the programs use.
      const pipInstall = ["install", "--quiet", "--disable-pip-version-check", "--no-deps", "--only-binary=:all:", "--no-compile", "-r", requirements];
      await mustRun("pip install -r sdk-tests/requirements.txt", bin, ["-m", "pip", ...pipInstall], { env: env() });
      await mustRun("pip check", bin, ["-m", "pip", "check", "--disable-pip-version-check"], { env: env() });
      await writeFile(stamp, `${hash}\n`);
    },
    async build(samples) {
      await freshDir(path.dirname(samplesFile));
      // Python compiles each sample itself (run_samples.py reports a syntax error per sample).
      await writeFile(samplesFile, JSON.stringify(samples));
    },
    runSamples: (extra) => py("run_samples.py", [samplesFile], extra),
    runScenario: (extra) => py("scenario.py", [], extra),
  };
}

// ---------------------------------------------------------------------------------------------
// Go: go.mod/go.sum pin openai-go; module and build caches under .cache/go.

const GO_SAMPLES_MAIN = `// Generated by scripts/sdk-tests: \`sdk-tests scenario\` runs the scenario program,
// \`sdk-tests samples\` every sample (one JSON line each).
package main

import (
\t"encoding/json"
\t"fmt"
\t"io"
\t"os"
)

type sample struct {
\tname string
\trun  func()
}

// capture runs one sample with os.Stdout redirected, turning a panic into its message.
func capture(run func()) (out string, failure string) {
\treader, writer, err := os.Pipe()
\tif err != nil {
\t\tpanic(err)
\t}
\tstdout := os.Stdout
\tos.Stdout = writer
\tread := make(chan string)
\tgo func() {
\t\tdata, _ := io.ReadAll(reader)
\t\tread <- string(data)
\t}()
\tfunc() {
\t\tdefer func() {
\t\t\tif recovered := recover(); recovered != nil {
\t\t\t\tfailure = fmt.Sprint(recovered)
\t\t\t}
\t\t}()
\t\trun()
\t}()
\twriter.Close()
\tos.Stdout = stdout
\treturn <-read, failure
}

func main() {
\tif len(os.Args) == 2 && os.Args[1] == "scenario" {
\t\tscenarioMain()
\t\treturn
\t}
\tif len(os.Args) != 2 || os.Args[1] != "samples" {
\t\tfmt.Fprintln(os.Stderr, "usage: sdk-tests samples|scenario")
\t\tos.Exit(2)
\t}
\tfor _, s := range samples {
\t\tout, failure := capture(s.run)
\t\tline := map[string]any{"name": s.name, "stdout": out, "error": nil}
\t\tif failure != "" {
\t\t\tline["error"] = failure
\t\t}
\t\tencoded, _ := json.Marshal(line)
\t\tfmt.Println(string(encoded))
\t}
}
`;

/** Renames a Go program's `func main() {` (it must have exactly one) so that one binary holds many. */
function renameGoMain(what: string, code: string, name: string): string {
  if (code.split("func main() {").length !== 2) throw new Error(`${what} does not have exactly one func main()`);
  return code.replace("func main() {", `func ${name}() {`);
}

function go(): Toolchain {
  const goCache = path.join(CACHE_DIR, "go");
  const programDir = path.join(GENERATED_DIR, "go", "sdk-tests");
  const binary = path.join(GENERATED_DIR, "go", "bin", "sdk-tests");
  const env = (extra: Env = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    GOPATH: goCache,
    GOMODCACHE: path.join(goCache, "pkg", "mod"),
    GOCACHE: path.join(goCache, "build"),
    // -modcacherw: the cache can be deleted with rm; readonly: go.mod/go.sum are never rewritten.
    GOFLAGS: "-modcacherw -mod=readonly",
    GOTOOLCHAIN: "local",
    GOENV: "off",
    // Pure Go: no C compiler runs (net, os/user and runtime/cgo otherwise call gcc on a cold cache).
    CGO_ENABLED: "0",
    ...extra,
  });
  const run = (command: string, extra: Env) => runCommand(binary, [command], { env: { ...process.env, ...extra }, timeoutMs: 5 * 60_000 });
  return {
    id: "go",
    label: "Go (openai-go)",
    async missing() {
      const version = await probe("go", ["env", "GOVERSION"], { ...process.env, GOTOOLCHAIN: "local" });
      if (version === undefined) return "go is not installed (https://go.dev/dl/)";
      const wanted = /^go (\d+\.\d+)/m.exec(await readFile(path.join(SDK_DIR, "go.mod"), "utf8"))?.[1] ?? "1.26";
      if (!versionAtLeast(version.replace(/^go/, ""), wanted.split(".").map(Number))) return `go is ${version}; sdk-tests/go.mod needs go ${wanted} or newer`;
      return undefined;
    },
    async install() {
      // Verifies every module against go.sum; a no-op when the module cache already holds them.
      await mustRun("go mod download", "go", ["mod", "download"], { cwd: SDK_DIR, env: env() });
    },
    async build(samples) {
      await freshDir(programDir);
      await rm(path.dirname(binary), { recursive: true, force: true });
      // Each sample and the scenario is a whole program; renaming their main() lets one binary
      // hold them all: openai-go is compiled and linked once.
      const scenario = await readFile(path.join(SDK_DIR, "go", "scenario", "main.go"), "utf8");
      await writeFile(path.join(programDir, "scenario.go"), renameGoMain("sdk-tests/go/scenario/main.go", scenario, "scenarioMain"));
      const entries = await Promise.all(
        samples.map(async (sample, i) => {
          const fn = `sample${String(i).padStart(3, "0")}`;
          await writeFile(path.join(programDir, `${fn}.go`), renameGoMain(`Go sample ${sample.name}`, sample.code, fn));
          return `\t{${JSON.stringify(sample.name)}, ${fn}},`;
        }),
      );
      await writeFile(path.join(programDir, "main.go"), `${GO_SAMPLES_MAIN}\nvar samples = []sample{\n${entries.join("\n")}\n}\n`);
      // openai-go is one very large package, compiled on one core: on a cold cache it is most of
      // the run's CPU. A test binary needs no optimiser, inliner or debug information, and
      // building without them cuts that compile (measured in the README).
      const flags = ["-trimpath", "-gcflags=all=-N -l", "-ldflags=-s -w"];
      await mustRun("go build", "go", ["build", ...flags, "-o", binary, "./generated/go/sdk-tests"], { cwd: SDK_DIR, env: env(), timeoutMs: 30 * 60_000 });
    },
    runSamples: (extra) => run("samples", extra),
    runScenario: (extra) => run("scenario", extra),
  };
}

// ---------------------------------------------------------------------------------------------
// Java: pom.xml pins openai-java; Maven resolves it into .cache/m2 and prints the classpath,
// then one javac call compiles every sample with the scenario.

/**
 * For JVMs that live seconds (Maven, javac, the programs): the quick JIT only and one GC thread.
 * The optimising JIT's compiler threads would otherwise take more CPU than the work itself.
 */
const SHORT_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"];

function java(): Toolchain {
  const repo = path.join(CACHE_DIR, "m2");
  const classpathFile = path.join(CACHE_DIR, "java-classpath.txt");
  const sourcesDir = path.join(GENERATED_DIR, "java", "src");
  const classesDir = path.join(GENERATED_DIR, "java", "classes");
  let classpath = "";
  let classes: string[] = [];
  const javaRun = (main: string, args: string[], extra: Env) =>
    runCommand("java", [...SHORT_JVM, "-cp", `${classesDir}${path.delimiter}${classpath}`, main, ...args], { env: { ...process.env, ...extra }, timeoutMs: 5 * 60_000 });
  return {
    id: "java",
    label: "Java (openai-java)",
    async missing() {
      const javac = await probe("javac", ["-version"]);
      if (javac === undefined) return "javac (a JDK) is not installed (Debian: apt-get install openjdk-17-jdk-headless)";
      const version = /javac (\d+)/.exec(javac)?.[1];
      if (version === undefined || Number(version) < 11) return `${javac}; openai-java needs Java 11 or newer`;
      if ((await probe("mvn", ["-v"])) === undefined) return "mvn (Maven) is not installed (Debian: apt-get install maven)";
      return undefined;
    },
    async install() {
      const stamp = `${classpathFile}.pom.sha256`;
      const hash = await sha256(path.join(SDK_DIR, "pom.xml"));
      if ((await stampMatches(stamp, hash)) && existsSync(classpathFile)) {
        const cached = (await readFile(classpathFile, "utf8")).trim();
        if (cached.split(path.delimiter).every((jar) => existsSync(jar))) {
          classpath = cached;
          return;
        }
      }
      await mustRun(
        "mvn dependency:build-classpath",
        "mvn",
        ["-B", "-q", "-f", path.join(SDK_DIR, "pom.xml"), `-Dmaven.repo.local=${repo}`, "dependency:build-classpath", `-Dmdep.outputFile=${classpathFile}`],
        { env: { ...process.env, MAVEN_OPTS: [process.env.MAVEN_OPTS ?? "", ...SHORT_JVM].join(" ").trim() }, timeoutMs: 15 * 60_000 },
      );
      classpath = (await readFile(classpathFile, "utf8")).trim();
      await writeFile(stamp, `${hash}\n`);
    },
    async build(samples) {
      await freshDir(sourcesDir);
      await freshDir(classesDir);
      classes = await Promise.all(
        samples.map(async (sample, i) => {
          const name = `Sample${String(i).padStart(3, "0")}`;
          const declaration = "public final class CreateThread {";
          if (sample.code.split(declaration).length !== 2) throw new Error(`Java sample ${sample.name} does not declare class CreateThread once`);
          await writeFile(path.join(sourcesDir, `${name}.java`), sample.code.replace(declaration, `public final class ${name} {`));
          return `${name}=${sample.name}`;
        }),
      );
      const sources = [
        path.join(SDK_DIR, "java", "Scenario.java"),
        path.join(SDK_DIR, "java", "SampleRunner.java"),
        ...classes.map((entry) => path.join(sourcesDir, `${entry.slice(0, entry.indexOf("="))}.java`)),
      ];
      // The Assistants classes are deprecated in the SDK; the point here is that they work.
      // -proc:none: no annotation processors to look for in the SDK's jars.
      const javacFlags = [...SHORT_JVM.map((flag) => `-J${flag}`), "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8"];
      await mustRun("javac", "javac", [...javacFlags, "-d", classesDir, "-cp", classpath, ...sources]);
    },
    runSamples: (extra) => javaRun("SampleRunner", classes, extra),
    runScenario: (extra) => javaRun("Scenario", [], extra),
  };
}

export function toolchains(): Toolchain[] {
  return [python(), go(), java()];
}
