"use client";

import { useState } from "react";
import { FieldError } from "../FieldError";
import { hint, input } from "./styles";

type Props = {
  /** Accessible name of the text box, e.g. "Code interpreter file IDs". */
  label: string;
  ids: string[];
  /** Shown as a counter when the list has a limit. */
  max?: number;
  inputId: string;
  error: string | undefined;
  onChange: (ids: string[]) => void;
};

/** Splits pasted or typed text into IDs: whitespace and commas separate them. */
export function splitIds(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * A list of file IDs edited as chips. Typing a space, comma or Enter adds the ID typed so far;
 * pasting a list (one per line, or comma separated) adds them all at once; Backspace in the empty
 * box takes the last one back for editing.
 */
export function FileIdListEditor({ label, ids, max, inputId, error, onChange }: Props) {
  const [pending, setPending] = useState("");
  const over = max !== undefined && ids.length > max;
  const errorId = `${inputId}-error`;

  const commit = (text: string) => {
    const added = splitIds(text);
    if (added.length > 0) onChange([...ids, ...added]);
    setPending("");
  };

  return (
    <div className="space-y-2">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <span className={`text-sm tabular-nums ${over ? "text-red-700" : "text-slate-500"}`} data-testid={`${inputId}-count`}>
          {max === undefined ? `${ids.length} ${ids.length === 1 ? "file" : "files"}` : `${ids.length} / ${max} files`}
        </span>
      </div>
      {ids.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={label}>
          {ids.map((id, index) => (
            <li
              key={`${index}-${id}`}
              className="inline-flex max-w-full items-center gap-1 rounded-md border border-slate-300 bg-surface py-0.5 pl-2 pr-0.5 font-mono text-xs text-slate-800"
            >
              <span className="truncate">{id}</span>
              <button
                type="button"
                onClick={() => onChange(ids.filter((_, other) => other !== index))}
                className="rounded px-1.5 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-red-700"
                aria-label={`Remove ${id}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        value={pending}
        placeholder="file-abc123, file-def456…"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          const value = event.target.value;
          // A separator typed (or a list pasted) turns what came before it into chips.
          if (/[\s,]/.test(value)) {
            const parts = value.split(/[\s,]+/);
            const last = /[\s,]$/.test(value) ? "" : (parts.pop() ?? "");
            const added = parts.filter(Boolean);
            if (added.length > 0) onChange([...ids, ...added]);
            setPending(last);
          } else {
            setPending(value);
          }
        }}
        onPaste={(event) => {
          // A single-line box would drop the line breaks of a pasted column of IDs; split it here.
          const text = event.clipboardData.getData("text");
          if (!/[\s,]/.test(text)) return;
          event.preventDefault();
          commit(pending + text);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit(pending);
          } else if (event.key === "Backspace" && pending === "" && ids.length > 0) {
            event.preventDefault();
            setPending(ids[ids.length - 1]!);
            onChange(ids.slice(0, -1));
          }
        }}
        onBlur={() => commit(pending)}
        aria-invalid={error || over ? true : undefined}
        aria-describedby={`${inputId}-hint${error ? ` ${errorId}` : ""}`}
        className={`${input} font-mono`}
      />
      <p id={`${inputId}-hint`} className={hint}>
        Type or paste IDs; spaces, commas and new lines separate them.
      </p>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
