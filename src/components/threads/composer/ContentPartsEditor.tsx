"use client";

import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { IMAGE_DETAILS } from "~/lib/thread-request/schema";
import { FieldError } from "../FieldError";
import { fieldId, newPart, type DraftPart, type ImageDetail, type PartType } from "./draft";
import { TypedImagePreview } from "../ImagePreview";
import { LineField } from "./LineField";
import { hint, input, quietButton, removeButton, secondaryButton, select } from "./styles";

type Props = {
  messageIndex: number;
  parts: DraftPart[];
  errors: Record<string, string>;
  onChange: (parts: DraftPart[]) => void;
  focusLater: (id: string) => void;
};

const PART_NAMES: Record<PartType, string> = { text: "Text", image_url: "Image URL", image_file: "Image file" };

export function ContentPartsEditor({ messageIndex, parts, errors, onChange, focusLater }: Props) {
  const label = (index: number) => `Message ${messageIndex + 1} part ${index + 1}`;
  const path = (index: number, ...rest: string[]) => formatIssuePath(["messages", messageIndex, "content", index, ...rest]);
  const update = (id: string, patch: Partial<DraftPart>) =>
    onChange(parts.map((part) => (part.id === id ? ({ ...part, ...patch } as DraftPart) : part)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...parts];
    const [part] = next.splice(index, 1);
    next.splice(index + by, 0, part!);
    onChange(next);
    // Focus follows the moved part; at either end the other arrow stays enabled.
    const to = index + by;
    focusLater(`${part!.id}-${to === 0 ? "down" : to === parts.length - 1 ? "up" : by < 0 ? "up" : "down"}`);
  };
  const add = (type: PartType) => {
    const firstField = { text: ["text"], image_url: ["image_url", "url"], image_file: ["image_file", "file_id"] }[type];
    onChange([...parts, newPart(type)]);
    focusLater(fieldId(path(parts.length, ...firstField)));
  };

  return (
    <div className="space-y-3">
      {parts.length > 0 && (
        <ol className="space-y-3">
          {parts.map((part, index) => {
            const partError = errors[path(index)] ?? errors[path(index, "type")];
            return (
              <li key={part.id} className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="content-part">
                <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                  <span className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                    Part {index + 1} · {PART_NAMES[part.type]}
                  </span>
                  <span className="flex items-center gap-1">
                    <button
                      type="button"
                      id={`${part.id}-up`}
                      className={quietButton}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={`Move ${label(index).toLowerCase()} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      id={`${part.id}-down`}
                      className={quietButton}
                      disabled={index === parts.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={`Move ${label(index).toLowerCase()} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={removeButton}
                      onClick={() => onChange(parts.filter((other) => other.id !== part.id))}
                      aria-label={`Remove ${label(index).toLowerCase()}`}
                    >
                      Remove
                    </button>
                  </span>
                </div>
                {part.type === "text" && (
                  <TextField
                    errorPath={path(index, "text")}
                    label={`${label(index)} text`}
                    value={part.text}
                    errors={errors}
                    onChange={(text) => update(part.id, { text })}
                  />
                )}
                {part.type === "image_url" && (
                  <div className="space-y-2">
                    <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto]">
                      <LineField
                            errorPath={path(index, "image_url", "url")}
                        label={`${label(index)} image URL`}
                        placeholder="https://example.com/cat.png"
                        value={part.url}
                        errors={errors}
                        onChange={(url) => update(part.id, { url })}
                      />
                      <DetailSelect
                        label={`${label(index)} detail`}
                        errorPath={path(index, "image_url", "detail")}
                        value={part.detail}
                        onChange={(detail) => update(part.id, { detail })}
                      />
                    </div>
                    <TypedImagePreview url={part.url} />
                  </div>
                )}
                {part.type === "image_file" && (
                  <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto]">
                    <LineField
                        errorPath={path(index, "image_file", "file_id")}
                      label={`${label(index)} image file ID`}
                      placeholder="file-abc123"
                      value={part.fileId}
                      errors={errors}
                      onChange={(fileId) => update(part.id, { fileId })}
                    />
                    <DetailSelect
                      label={`${label(index)} detail`}
                      errorPath={path(index, "image_file", "detail")}
                      value={part.detail}
                      onChange={(detail) => update(part.id, { detail })}
                    />
                  </div>
                )}
                <FieldError id={`${fieldId(path(index))}-error`} message={partError} />
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButton} onClick={() => add("text")} aria-label={`Add text part to message ${messageIndex + 1}`}>
          + Text
        </button>
        <button type="button" className={secondaryButton} onClick={() => add("image_url")} aria-label={`Add image URL part to message ${messageIndex + 1}`}>
          + Image URL
        </button>
        <button type="button" className={secondaryButton} onClick={() => add("image_file")} aria-label={`Add image file part to message ${messageIndex + 1}`}>
          + Image file
        </button>
      </div>
    </div>
  );
}

function TextField(props: {
  errorPath: string;
  label: string;
  value: string;
  errors: Record<string, string>;
  onChange: (value: string) => void;
}) {
  const error = props.errors[props.errorPath];
  const errorId = `${fieldId(props.errorPath)}-error`;
  return (
    <div>
      <label htmlFor={fieldId(props.errorPath)} className="sr-only">
        {props.label}
      </label>
      <textarea
        id={fieldId(props.errorPath)}
        value={props.value}
        rows={2}
        onChange={(event) => props.onChange(event.target.value)}
        placeholder="Text…"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`${input} resize-y leading-6`}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

function DetailSelect(props: { label: string; errorPath: string; value: ImageDetail; onChange: (detail: ImageDetail) => void }) {
  return (
    // Level with the URL box's first line (its error may grow the row below it).
    <label className="flex min-h-[2.375rem] items-center gap-2 self-start text-sm text-slate-700">
      <span aria-hidden className={hint}>
        Detail
      </span>
      <span className="sr-only">{props.label}</span>
      <select
        id={fieldId(props.errorPath)}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as ImageDetail)}
        className={select}
      >
        <option value="">not set (auto)</option>
        {IMAGE_DETAILS.map((detail) => (
          <option key={detail} value={detail}>
            {detail}
          </option>
        ))}
      </select>
    </label>
  );
}
