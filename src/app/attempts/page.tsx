import type { Metadata } from "next";
import { AttemptList } from "~/components/attempts/AttemptList";
import { ATTEMPT_PAGE_SIZE } from "~/lib/attempt-list";
import { serverFaultPage } from "~/trpc/page-errors";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Attempts" };

export default async function AttemptsPage() {
  let firstPage;
  try {
    firstPage = await api.attempts.list({ limit: ATTEMPT_PAGE_SIZE });
  } catch (error) {
    return serverFaultPage(error);
  }
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Attempts to act on</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Creates that did not end in a recorded thread. <strong className="font-medium text-slate-800">Failed</strong>: the
          upstream certainly created nothing, so retrying is safe.{" "}
          <strong className="font-medium text-slate-800">Outcome unknown</strong>: the upstream may have created the thread
          before the answer was lost; retrying can leave two threads there.
        </p>
      </header>
      <AttemptList firstPage={firstPage} />
    </div>
  );
}
