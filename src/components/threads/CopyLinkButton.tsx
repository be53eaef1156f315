"use client";

import { useState } from "react";

type Outcome = { kind: "idle" } | { kind: "copied" } | { kind: "manual"; url: string };

/**
 * Copies the page's canonical address (`path` on this origin), never the transient query
 * flags the current URL may carry. Where the clipboard cannot be written, it shows the
 * link to copy by hand instead of claiming success.
 */
export function CopyLinkButton({ path }: { path: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          const url = new URL(path, window.location.origin).toString();
          try {
            if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
            await navigator.clipboard.writeText(url);
            setOutcome({ kind: "copied" });
            setTimeout(() => setOutcome({ kind: "idle" }), 2000);
          } catch {
            setOutcome({ kind: "manual", url });
          }
        }}
        className="rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        <span aria-live="polite">{outcome.kind === "copied" ? "Link copied" : "Copy link"}</span>
      </button>
      {outcome.kind === "manual" && (
        <p role="status" className="order-last basis-full text-sm text-slate-600">
          This browser does not let Spool copy. The link:{" "}
          <input
            readOnly
            value={outcome.url}
            aria-label="Link to this thread"
            onFocus={(event) => event.currentTarget.select()}
            className="mt-1 block w-full rounded border border-slate-300 bg-surface px-2 py-1 font-mono text-xs"
          />
        </p>
      )}
    </>
  );
}
