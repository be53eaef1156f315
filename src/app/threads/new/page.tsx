import type { Metadata } from "next";
import { ThreadComposer } from "~/components/threads/composer/ThreadComposer";
import { isRefused, serverFaultPage } from "~/trpc/page-errors";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "New thread" };

type Props = { searchParams: Promise<{ from?: string | string[]; attempt?: string | string[] }> };

export default async function NewThreadPage({ searchParams }: Props) {
  const { from: fromId, attempt: attemptId } = await searchParams;
  let from: { threadId?: string; attemptId?: string; request: unknown } | undefined;
  let missing: string | undefined;
  if (typeof attemptId === "string" && attemptId !== "") {
    try {
      const attempt = await api.attempts.request({ id: attemptId });
      from = { attemptId: attempt.id, request: attempt.request };
    } catch (error) {
      if (!isRefused(error, "NOT_FOUND", "BAD_REQUEST")) return serverFaultPage(error);
      missing = `attempt ${attemptId}`;
    }
  }
  if (!from && typeof fromId === "string" && fromId !== "") {
    try {
      const thread = await api.threads.byId({ id: fromId });
      from = { threadId: thread.id, request: thread.request };
    } catch (error) {
      if (!isRefused(error, "NOT_FOUND", "BAD_REQUEST")) return serverFaultPage(error);
      missing = `thread ${fromId}`;
    }
  }

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{from?.attemptId ? "Edit a failed attempt" : from ? "Duplicate thread" : "New thread"}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Compose messages, tool resources and metadata, in the form or as JSON. Spool creates the thread upstream and keeps the
          record.
        </p>
      </header>
      {missing && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          There is no <span className="break-all font-mono">{missing}</span> to start from; starting from your draft instead.
        </p>
      )}
      <ThreadComposer from={from} />
    </div>
  );
}
