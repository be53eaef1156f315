"use client";

import dynamic from "next/dynamic";
import type { LocatedFieldError } from "~/lib/thread-request/issue-path";
import type { JsonSpot } from "./json-location";
import type { JsonReveal } from "./JsonCodeEditor";
import { describeSource, type ParsedText } from "./request-text";
import { hint, secondaryButton } from "./styles";

// CodeMirror (and the JSON grammar and path finder) load only once the JSON tab is opened.
const JsonCodeEditor = dynamic(() => import("./JsonCodeEditor"), {
  loading: () => (
    <div className="flex min-h-60 items-center justify-center rounded-lg border border-slate-300 bg-surface text-sm text-slate-500">
      Loading the editor…
    </div>
  ),
});

type Props = {
  text: string;
  parsed: ParsedText;
  /** Schema errors of the parsed body, each at its JSON path. */
  errors: LocatedFieldError[];
  onChange: (text: string) => void;
  onFormat: () => void;
  /** The problem to put the cursor on, asked for by an error link here or under Create. */
  reveal: JsonReveal | null;
  onReveal: (spot: JsonSpot | null) => void;
  onRevealed: () => void;
};

export const JSON_EDITOR_ID = "request-json";

/** Where a syntax error is, when the message says. */
export function syntaxErrorSpot(parsed: ParsedText): JsonSpot | null {
  return !parsed.ok && parsed.line !== undefined && parsed.column !== undefined ? { line: parsed.line, column: parsed.column } : null;
}

const errorLink = "text-left underline decoration-red-300 underline-offset-2 hover:decoration-red-600";

export function JsonEditor({ text, parsed, errors, onChange, onFormat, reveal, onReveal, onRevealed }: Props) {
  const invalid = !parsed.ok || errors.length > 0;
  const syntaxSpot = syntaxErrorSpot(parsed);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id={`${JSON_EDITOR_ID}-label`} className="text-base font-semibold text-slate-900">
          Request body (JSON)
        </h2>
        <button type="button" className={secondaryButton} onClick={onFormat} disabled={!parsed.ok}>
          Format as JSON
        </button>
      </div>
      <p id={`${JSON_EDITOR_ID}-hint`} className={hint}>
        The exact body sent to <code className="font-mono">POST /threads</code>. Paste JSON, a curl command, or a Node, Python or
        Ruby <code className="font-mono">threads.create(…)</code> example. Tab moves on to the next control.
      </p>
      <JsonCodeEditor
        text={text}
        onChange={onChange}
        reveal={reveal}
        onRevealed={onRevealed}
        contentAttributes={{
          id: JSON_EDITOR_ID,
          "aria-labelledby": `${JSON_EDITOR_ID}-label`,
          "aria-describedby": `${JSON_EDITOR_ID}-hint ${JSON_EDITOR_ID}-status`,
          ...(invalid ? { "aria-invalid": "true" } : {}),
        }}
      />
      <div id={`${JSON_EDITOR_ID}-status`} aria-live="polite">
        {!parsed.ok ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="json-syntax-error">
            {parsed.message}{" "}
            {syntaxSpot && (
              <button type="button" className={`${errorLink} font-medium`} onClick={() => onReveal(syntaxSpot)}>
                Show it in the editor
              </button>
            )}
          </p>
        ) : errors.length > 0 ? (
          <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="json-errors">
            <p className="font-medium">
              {errors.length} {errors.length === 1 ? "problem" : "problems"} in the body (each link puts the cursor on it):
            </p>
            <ul className="mt-1 space-y-1">
              {errors.map((error, index) => (
                <li key={`${error.path}-${index}`}>
                  <button type="button" className={errorLink} onClick={() => onReveal({ path: error.at })}>
                    <code className="rounded bg-surface/70 px-1 font-mono text-xs text-red-900">{error.path === "" ? "(body)" : error.path}</code>
                  </button>{" "}
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
