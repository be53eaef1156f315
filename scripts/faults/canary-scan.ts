// The run gives Spool a known fake API key; it must not appear in anything Spool printed,
// answered or rendered, even while its upstream and database were failing.
import { canaryFormsIn } from "../key-leak/key-canary";
import type { SpoolClient } from "./spool-client";

export type CanaryReport = { logLines: number; responses: number; pages: number; leaks: string[] };

/** Pages a person would open after the run, including one for a thread that does not exist. */
export async function fetchPages(client: SpoolClient, threadId: string | undefined): Promise<Array<{ path: string; html: string }>> {
  const paths = ["/threads", "/threads/new", "/attempts", "/threads/thread_doesNotExist000000000000"];
  if (threadId) paths.push(`/threads/${threadId}`);
  const pages = [];
  for (const path of paths) {
    const { status, html } = await client.page(path);
    if (status >= 500) throw new Error(`GET ${path} answered ${status}`);
    pages.push({ path, html });
  }
  return pages;
}

export function scanForCanary(input: { logLines: string[]; responses: string[]; pages: Array<{ path: string; html: string }> }): CanaryReport {
  const leaks: string[] = [];
  const scan = (where: string, text: string) => {
    const forms = canaryFormsIn(text);
    if (forms.length > 0) leaks.push(`${where}: ${forms.length} form(s) of the key`);
  };
  input.logLines.forEach((line, index) => scan(`log line ${index + 1}`, line));
  input.responses.forEach((body, index) => scan(`response ${index + 1}`, body));
  for (const page of input.pages) scan(`page ${page.path}`, page.html);
  return { logLines: input.logLines.length, responses: input.responses.length, pages: input.pages.length, leaks };
}
