"use client";

import { ServerFault } from "~/components/layout/ServerFault";

// Production hides server error messages from the browser; the digest ties this page to the log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4 text-center">
      <ServerFault reason="unknown" digest={error.digest} />
      <button type="button" onClick={reset} className="rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
        Try again
      </button>
    </div>
  );
}
