"use client";

import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { ATTACHMENT_TOOL_TYPES } from "~/lib/thread-request/schema";
import { FieldError } from "../FieldError";
import { LineField } from "./LineField";
import { fieldId, rowId, type AttachmentTool, type DraftAttachment } from "./draft";
import { removeButton, secondaryButton } from "./styles";

type Props = {
  messageIndex: number;
  attachments: DraftAttachment[];
  errors: Record<string, string>;
  onChange: (attachments: DraftAttachment[]) => void;
  focusLater: (id: string) => void;
};

const TOOL_NAMES: Record<AttachmentTool, string> = { code_interpreter: "Code interpreter", file_search: "File search" };

export function AttachmentsEditor({ messageIndex, attachments, errors, onChange, focusLater }: Props) {
  const path = (index: number, ...rest: (string | number)[]) =>
    formatIssuePath(["messages", messageIndex, "attachments", index, ...rest]);
  const update = (id: string, patch: Partial<DraftAttachment>) =>
    onChange(attachments.map((attachment) => (attachment.id === id ? { ...attachment, ...patch } : attachment)));

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Attachments</legend>
      {attachments.length === 0 && <p className="text-sm text-slate-500">No files attached to this message.</p>}
      {attachments.length > 0 && (
        <ul className="space-y-2">
          {attachments.map((attachment, index) => {
            const label = `Message ${messageIndex + 1} attachment ${index + 1}`;
            const toolsError = errors[path(index, "tools")] ?? errors[path(index)];
            return (
              <li key={attachment.id} className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="attachment">
                <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto_auto] sm:items-center">
                  <LineField
                    errorPath={path(index, "file_id")}
                    label={`${label} file ID`}
                    placeholder="file-abc123"
                    value={attachment.fileId}
                    errors={errors}
                    onChange={(fileId) => update(attachment.id, { fileId })}
                  />
                  <div className="flex flex-wrap gap-x-4 gap-y-1" role="group" aria-label={`${label} tools`}>
                    {ATTACHMENT_TOOL_TYPES.map((tool) => (
                      <label key={tool} className="flex items-center gap-1.5 text-sm text-slate-700">
                        <input
                          type="checkbox"
                          checked={attachment.tools.includes(tool)}
                          onChange={(event) =>
                            update(attachment.id, {
                              tools: event.target.checked
                                ? [...attachment.tools, tool]
                                : attachment.tools.filter((other) => other !== tool),
                            })
                          }
                          className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
                          aria-label={`${label}: ${TOOL_NAMES[tool]}`}
                        />
                        <span aria-hidden>{TOOL_NAMES[tool]}</span>
                      </label>
                    ))}
                  </div>
                  <button
                    type="button"
                    className={`${removeButton} justify-self-start`}
                    onClick={() => onChange(attachments.filter((other) => other.id !== attachment.id))}
                    aria-label={`Remove ${label.toLowerCase()}`}
                  >
                    Remove
                  </button>
                </div>
                <FieldError id={`${fieldId(path(index))}-error`} message={toolsError} />
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className={secondaryButton}
        onClick={() => {
          onChange([...attachments, { id: rowId(), fileId: "", tools: ["code_interpreter", "file_search"] }]);
          focusLater(fieldId(path(attachments.length, "file_id")));
        }}
        aria-label={`Add attachment to message ${messageIndex + 1}`}
      >
        Add attachment
      </button>
    </fieldset>
  );
}
