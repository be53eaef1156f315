"use client";

import { useState } from "react";

/** The new key, shown this once: Spool keeps only its hash, so it cannot be shown again. */
export function NewKeyNotice({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="new-key-heading" data-testid="new-key" className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 sm:p-5">
      <h2 id="new-key-heading" className="text-sm font-semibold text-emerald-900">
        Key &apos;{name}&apos; created. Copy it now: it will not be shown again.
      </h2>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code data-testid="new-key-secret" className="block min-w-0 flex-1 select-all break-all rounded-md border border-emerald-200 bg-surface px-3 py-2 font-mono text-sm text-slate-900">
          {secret}
        </code>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true))}
            className="rounded-md border border-emerald-400 bg-surface px-3 py-2 text-sm font-medium text-emerald-900 hover:bg-emerald-100"
          >
            {copied ? "Copied" : "Copy"}
          </button>
          <button type="button" onClick={onDone} className="rounded-md px-3 py-2 text-sm font-medium text-emerald-900 hover:bg-emerald-100">
            Done
          </button>
        </div>
      </div>
    </section>
  );
}
