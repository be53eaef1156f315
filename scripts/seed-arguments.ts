/** `--count N` (or `--count=N`, `1e6` and `1_000_000` allowed), shared by db:seed and bench. */
export function countArgument(args: readonly string[], fallback: number): number {
  const at = args.findIndex((arg) => arg === "--count" || arg.startsWith("--count="));
  if (at === -1) return fallback;
  const arg = args[at]!;
  const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[at + 1];
  const count = Number(raw?.replaceAll("_", ""));
  if (!Number.isInteger(count) || count < 1 || count > 50_000_000) {
    throw new Error(`--count must be a whole number of threads between 1 and 50000000, not ${JSON.stringify(raw ?? "")}.`);
  }
  return count;
}
