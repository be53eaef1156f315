"use client";

import { countChars, METADATA_KEY_MAX, METADATA_MAX_PAIRS, METADATA_VALUE_MAX } from "~/lib/thread-request/limits";
import { FieldError } from "../FieldError";
import { rowId, type MetadataRow } from "./draft";
import { removeButton, secondaryButton, sectionTitle } from "./styles";
import { useFocusLater } from "./use-focus-later";

type Props = {
  /** Names the fieldset, e.g. "Thread metadata". */
  label: string;
  /** Prefixes each control's accessible name, e.g. "Message 1 metadata" → "Message 1 metadata key 1". */
  controlLabel?: string;
  /** Unique per editor on the page; prefixes the ids of its error and counter. */
  idPrefix?: string;
  rows: MetadataRow[];
  /** The error for the metadata object as a whole (e.g. too many pairs). */
  error: string | undefined;
  rowErrors: Record<string, string>;
  onChange: (rows: MetadataRow[]) => void;
  /** Smaller heading, for metadata nested inside a message or a vector store. */
  nested?: boolean;
  emptyText?: string;
  /** Accessible name of the add button when several editors share a page. */
  addLabel?: string;
  /** DOM id of the add button, for focusing it when there are no rows yet. */
  addButtonId?: string;
};

export function MetadataEditor({
  label,
  controlLabel = "Metadata",
  idPrefix = "metadata",
  rows,
  error,
  rowErrors,
  onChange,
  nested = false,
  emptyText = "No metadata. Pairs help your team find this thread later.",
  addLabel,
  addButtonId,
}: Props) {
  const focusLater = useFocusLater();
  const update = (id: string, patch: Partial<MetadataRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const tooMany = rows.length > METADATA_MAX_PAIRS;
  const errorId = `${idPrefix}-error`;

  return (
    <fieldset className="space-y-3" aria-describedby={error ? errorId : undefined}>
      <legend className="w-full">
        <span className="flex items-baseline justify-between gap-3">
          <span className={nested ? "text-sm font-medium text-slate-800" : sectionTitle}>{label}</span>
          <span
            className={`text-sm font-normal tabular-nums ${tooMany ? "text-red-700" : "text-slate-600"}`}
            data-testid={`${idPrefix}-count`}
          >
            {rows.length} / {METADATA_MAX_PAIRS} pairs
          </span>
        </span>
      </legend>
      {rows.length === 0 && <p className="text-sm text-slate-600">{emptyText}</p>}
      {rows.length > 0 && (
        <ul className="space-y-2">
          {rows.map((row, index) => {
            const rowError = rowErrors[row.id];
            return (
              <li key={row.id} data-testid={`${idPrefix}-row`}>
                {/* In reading order (key, value, Remove); on a phone Remove stands beside both. */}
                <div className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto]">
                  <CountedInput
                    id={`${row.id}-key`}
                    label={`${controlLabel} key ${index + 1}`}
                    placeholder="key"
                    value={row.key}
                    max={METADATA_KEY_MAX}
                    invalid={Boolean(rowError)}
                    describedBy={rowError ? `${row.id}-error` : undefined}
                    onChange={(key) => update(row.id, { key })}
                  />
                  <CountedInput
                    id={`${row.id}-value`}
                    label={`${controlLabel} value ${index + 1}`}
                    placeholder="value"
                    value={row.value}
                    max={METADATA_VALUE_MAX}
                    invalid={Boolean(rowError)}
                    describedBy={rowError ? `${row.id}-error` : undefined}
                    onChange={(value) => update(row.id, { value })}
                  />
                  <button
                    type="button"
                    onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
                    className={`${removeButton} col-start-2 row-span-2 row-start-1 self-start py-2 sm:col-start-3 sm:row-span-1`}
                    aria-label={`Remove ${controlLabel.toLowerCase()} pair ${index + 1}`}
                  >
                    Remove
                  </button>
                </div>
                <FieldError id={`${row.id}-error`} message={rowError} />
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        onClick={() => {
          const row = { id: rowId(), key: "", value: "" };
          onChange([...rows, row]);
          focusLater(`${row.id}-key`);
        }}
        id={addButtonId}
        className={secondaryButton}
        aria-label={addLabel}
      >
        Add metadata pair
      </button>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

function CountedInput(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  max: number;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: string) => void;
}) {
  // Counted as the contract counts: code points, so an emoji is one character.
  const length = countChars(props.value);
  const over = length > props.max;
  return (
    <label className="relative block">
      <span className="sr-only">{props.label}</span>
      <input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.invalid || over ? true : undefined}
        aria-describedby={props.describedBy}
        className="block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 pr-16 font-mono text-sm aria-invalid:border-red-500"
      />
      <span
        aria-hidden
        className={`pointer-events-none absolute right-2 top-2.5 text-xs tabular-nums ${over ? "text-red-700" : "text-slate-500"}`}
      >
        {length}/{props.max}
      </span>
    </label>
  );
}
