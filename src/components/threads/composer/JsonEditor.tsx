"use client";

import type { FieldError as PathError } from "~/lib/thread-request/issue-path";
import { describeSource, type ParsedText } from "./request-text";
import { hint, secondaryButton } from "./styles";

type Props = {
  text: string;
  parsed: ParsedText;
  /** Schema errors of the parsed body, each at its JSON path. */
  errors: PathError[];
  onChange: (text: string) => void;
  onFormat: () => void;
};

export const JSON_EDITOR_ID = "request-json";

export function JsonEditor({ text, parsed, errors, onChange, onFormat }: Props) {
  const lines = text.split("\n").length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={JSON_EDITOR_ID} className="text-base font-semibold text-slate-900">
          Request body (JSON)
        </label>
        <button type="button" className={secondaryButton} onClick={onFormat} disabled={!parsed.ok}>
          Format as JSON
        </button>
      </div>
      <p id={`${JSON_EDITOR_ID}-hint`} className={hint}>
        The exact body sent to <code className="font-mono">POST /threads</code>. Paste JSON, a curl command, or a Node, Python or
        Ruby <code className="font-mono">threads.create(…)</code> example.
      </p>
      <textarea
        id={JSON_EDITOR_ID}
        value={text}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        rows={Math.min(Math.max(lines + 1, 12), 32)}
        aria-invalid={!parsed.ok || errors.length > 0 ? true : undefined}
        aria-describedby={`${JSON_EDITOR_ID}-hint ${JSON_EDITOR_ID}-status`}
        className="block w-full resize-y rounded-lg border border-slate-300 bg-gray-950 p-3 font-mono text-xs leading-5 text-gray-100 shadow-inner focus:border-indigo-500 aria-invalid:border-red-500 sm:text-sm"
      />
      <div id={`${JSON_EDITOR_ID}-status`} aria-live="polite">
        {!parsed.ok ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="json-syntax-error">
            {parsed.message}
          </p>
        ) : errors.length > 0 ? (
          <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="json-errors">
            <p className="font-medium">
              {errors.length} {errors.length === 1 ? "problem" : "problems"} in the body:
            </p>
            <ul className="mt-1 space-y-1">
              {errors.map((error, index) => (
                <li key={`${error.path}-${index}`}>
                  <code className="rounded bg-surface/70 px-1 font-mono text-xs text-red-900">{error.path === "" ? "(body)" : error.path}</code>{" "}
                  {error.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-emerald-700" data-testid="json-ok">
            ✓ A valid Create-thread request{parsed.source === "json" ? "." : `, read from ${describeSource(parsed.source)}.`}
          </p>
        )}
      </div>
    </div>
  );
}
