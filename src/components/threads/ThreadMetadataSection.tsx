"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatIssuePath, issuesToFieldErrors } from "~/lib/thread-request/issue-path";
import { threadModifyRequestSchema } from "~/lib/thread-request/schema";
import { api } from "~/trpc/react";
import { rowId, type MetadataRow } from "./composer/draft";
import { MetadataEditor } from "./composer/MetadataEditor";
import { useFocusLater } from "./composer/use-focus-later";
import { MetadataTable } from "./MetadataTable";

const EDIT_BUTTON_ID = "edit-metadata";
const ADD_BUTTON_ID = "edit-metadata-add";

/** Shows the metadata; "Edit" changes it upstream (`POST /threads/{id}`) under the same rules as creating. */
export function ThreadMetadataSection({ threadId, metadata, editable }: { threadId: string; metadata: Record<string, string>; editable: boolean }) {
  const router = useRouter();
  const [rows, setRows] = useState<MetadataRow[] | null>(null);
  const focusLater = useFocusLater();
  const close = () => {
    setRows(null);
    focusLater(EDIT_BUTTON_ID);
  };
  const update = api.threads.update.useMutation({
    onSuccess: () => {
      close();
      router.refresh();
    },
  });

  const heading = (
    <h2 id="metadata-heading" className="text-base font-semibold">
      Metadata
    </h2>
  );

  if (!rows) {
    return (
      <section aria-labelledby="metadata-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          {heading}
          {editable && (
            <button
              type="button"
              id={EDIT_BUTTON_ID}
              onClick={() => {
                update.reset();
                const next = Object.entries(metadata).map(([key, value]) => ({ id: rowId(), key, value }));
                setRows(next);
                focusLater(next[0] ? `${next[0].id}-key` : ADD_BUTTON_ID);
              }}
              className="rounded-md border border-slate-300 bg-surface px-3 py-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            >
              Edit metadata
            </button>
          )}
        </div>
        <div className="rounded-xl border border-slate-200 bg-surface p-4 shadow-sm">
          <MetadataTable metadata={metadata} />
        </div>
      </section>
    );
  }

  const check = checkMetadataRows(rows);
  return (
    <section aria-labelledby="metadata-heading" className="space-y-3">
      {heading}
      <form
        className="space-y-4 rounded-xl border border-indigo-200 bg-surface p-4 shadow-sm"
        onSubmit={(event) => {
          event.preventDefault();
          if (check.problemCount === 0) update.mutate({ id: threadId, request: { metadata: check.metadata } });
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape" && !update.isPending) {
            event.preventDefault();
            close();
          }
        }}
      >
        <MetadataEditor label="Edit metadata" addButtonId={ADD_BUTTON_ID} rows={rows} error={check.error} rowErrors={check.rowErrors} onChange={setRows} />
        {update.error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="metadata-save-error">
            {update.error.message}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
          <button
            type="submit"
            disabled={update.isPending || check.problemCount > 0}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
          >
            {update.isPending ? "Saving…" : "Save metadata"}
          </button>
          <button type="button" onClick={close} className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Cancel
          </button>
          {check.problemCount > 0 && (
            <span className="text-sm text-red-700">
              Fix {check.problemCount} {check.problemCount === 1 ? "problem" : "problems"} to save.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

/** The rows as a Modify-thread request, checked by the same schema the router gates with. */
function checkMetadataRows(rows: MetadataRow[]) {
  const filled = rows.filter((row) => row.key !== "" || row.value !== "");
  const metadata = Object.fromEntries(filled.map((row) => [row.key, row.value]));
  const rowErrors: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of filled) {
    if (seen.has(row.key)) rowErrors[row.id] = `Key "${row.key}" is used twice; each key can appear once.`;
    seen.add(row.key);
  }
  const errors: Record<string, string> = {};
  const parsed = threadModifyRequestSchema.safeParse({ metadata });
  if (!parsed.success) for (const { path, message } of issuesToFieldErrors(parsed.error)) errors[path] ??= message;
  for (const row of filled) {
    const message = errors[formatIssuePath(["metadata", row.key])];
    if (message) rowErrors[row.id] ??= message;
  }
  const error = errors.metadata;
  return { metadata, rowErrors, error, problemCount: Object.keys(rowErrors).length + (error ? 1 : 0) };
}
