const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/** "3 min. ago", "yesterday", "2 mo. ago": how long before `now` a Unix time was. */
export function relativeTime(seconds: number, nowMs: number): string {
  const ago = Math.round(nowMs / 1000 - seconds);
  if (ago < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (ago >= size) return format.format(-Math.floor(ago / size), unit);
  }
  return format.format(-Math.max(1, Math.round(ago / 60)), "minute");
}
