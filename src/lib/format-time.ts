/** UTC, so server and browser render the same text and a shared link reads the same everywhere. */
export function formatUnixSeconds(seconds: number): string {
  return formatDate(new Date(seconds * 1000));
}

export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
