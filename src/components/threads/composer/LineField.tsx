"use client";

import { FieldError } from "../FieldError";
import { fieldId } from "./draft";
import { input } from "./styles";

/** A one-line monospace field (an ID, a URL) with its label and its error, by the field's path. */
export function LineField(props: {
  errorPath: string;
  label: string;
  placeholder: string;
  value: string;
  errors: Record<string, string>;
  onChange: (value: string) => void;
  visibleLabel?: boolean;
  /** Overrides the error looked up at `errorPath` (e.g. an error about one item of a list). */
  error?: string;
}) {
  const error = props.error ?? props.errors[props.errorPath];
  const errorId = `${fieldId(props.errorPath)}-error`;
  return (
    <div className="min-w-0">
      <label htmlFor={fieldId(props.errorPath)} className={props.visibleLabel ? "mb-1 block text-sm font-medium text-slate-800" : "sr-only"}>
        {props.label}
      </label>
      <input
        id={fieldId(props.errorPath)}
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`${input} font-mono`}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
