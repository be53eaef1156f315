"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { FieldError } from "../FieldError";
import { fieldId, newMessage, newPart, type DraftMessage, type Role } from "./draft";
import { MetadataEditor } from "./MetadataEditor";
import { card, input, quietButton, removeButton, secondaryButton, sectionTitle, select } from "./styles";
import { useFocusLater } from "./use-focus-later";

// Content parts (with image previews) and attachments load when a message first shows them,
// not with the page: most threads start as plain text (docs/BENCHMARKS.md, page weight).
const loadingEditor = () => <p className="text-sm text-slate-500">Loading…</p>;
const ContentPartsEditor = dynamic(() => import("./ContentPartsEditor").then((module) => module.ContentPartsEditor), {
  loading: loadingEditor,
});
const AttachmentsEditor = dynamic(() => import("./AttachmentsEditor").then((module) => module.AttachmentsEditor), {
  loading: loadingEditor,
});

type Props = {
  messages: DraftMessage[];
  errors: Record<string, string>;
  rowErrors: Record<string, string>;
  onChange: (messages: DraftMessage[]) => void;
};

export function MessageListEditor({ messages, errors, rowErrors, onChange }: Props) {
  const focusLater = useFocusLater();
  const update = (id: string, patch: Partial<DraftMessage>) =>
    onChange(messages.map((message) => (message.id === id ? { ...message, ...patch } : message)));
  const move = (index: number, by: -1 | 1, buttonId: string) => {
    const next = [...messages];
    const [message] = next.splice(index, 1);
    next.splice(index + by, 0, message!);
    onChange(next);
    focusLater(buttonId);
  };

  return (
    <fieldset className="space-y-4">
      <legend className={sectionTitle}>Messages</legend>
      {messages.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 bg-surface p-4 text-sm text-slate-500">
          No messages: the thread starts empty.
        </p>
      )}
      <ol className="space-y-4">
        {messages.map((message, index) => (
          <li key={message.id}>
            <MessageEditor
              message={message}
              index={index}
              count={messages.length}
              errors={errors}
              rowErrors={rowErrors}
              onChange={(patch) => update(message.id, patch)}
              onMove={(by) => {
                // Focus follows the moved message; at either end the other arrow stays enabled.
                const to = index + by;
                const edge = to === 0 ? "down" : to === messages.length - 1 ? "up" : by < 0 ? "up" : "down";
                move(index, by, `${message.id}-${edge}`);
              }}
              onRemove={() => {
                onChange(messages.filter((other) => other.id !== message.id));
                focusLater(messages.length > 1 ? `${messages[index === 0 ? 1 : index - 1]!.id}-role` : "add-message");
              }}
              focusLater={focusLater}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        id="add-message"
        onClick={() => {
          const last = messages[messages.length - 1];
          // Conversations alternate; a new message answers the last one.
          onChange([...messages, newMessage(last?.role === "user" ? "assistant" : "user")]);
          focusLater(fieldId(formatIssuePath(["messages", messages.length, "content"])));
        }}
        className={secondaryButton}
      >
        Add message
      </button>
      <FieldError id={`${fieldId("messages")}-error`} message={errors["messages"]} />
    </fieldset>
  );
}

/** One message's editor; the thread page reuses it alone (no move or remove) to add a message. */
export function MessageEditor(props: {
  message: DraftMessage;
  index: number;
  count: number;
  errors: Record<string, string>;
  rowErrors: Record<string, string>;
  onChange: (patch: Partial<DraftMessage>) => void;
  onMove?: (by: -1 | 1) => void;
  onRemove?: () => void;
  focusLater: (id: string) => void;
}) {
  const { message, index, errors } = props;
  const n = index + 1;
  const contentPath = formatIssuePath(["messages", index, "content"]);
  const contentError = errors[contentPath] ?? errors[formatIssuePath(["messages", index])];
  const roleError = errors[formatIssuePath(["messages", index, "role"])];
  const metadataPath = formatIssuePath(["messages", index, "metadata"]);
  const extrasInError = Object.keys(errors).some(
    (path) => path.startsWith(`${formatIssuePath(["messages", index, "attachments"])}`) || path.startsWith(metadataPath),
  );
  const hasExtras = message.attachments.length > 0 || message.metadata.length > 0;
  const [open, setOpen] = useState(hasExtras);
  const showExtras = open || extrasInError;
  const extrasId = `${message.id}-extras`;
  const textId = fieldId(contentPath);

  return (
    <article className={card} data-testid="message-editor" aria-label={`Message ${n}`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <span aria-hidden>Message {n}</span>
          <select
            id={`${message.id}-role`}
            aria-label={`Message ${n} role`}
            value={message.role}
            onChange={(event) => props.onChange({ role: event.target.value as Role })}
            className={select}
          >
            <option value="user">user</option>
            <option value="assistant">assistant</option>
          </select>
        </label>
        <span className="flex items-center gap-1" hidden={!props.onMove}>
          <button
            type="button"
            id={`${message.id}-up`}
            className={quietButton}
            disabled={index === 0}
            onClick={() => props.onMove?.(-1)}
            aria-label={`Move message ${n} up`}
          >
            ↑ <span className="hidden sm:inline">Up</span>
          </button>
          <button
            type="button"
            id={`${message.id}-down`}
            className={quietButton}
            disabled={index === props.count - 1}
            onClick={() => props.onMove?.(1)}
            aria-label={`Move message ${n} down`}
          >
            ↓ <span className="hidden sm:inline">Down</span>
          </button>
          <button type="button" onClick={props.onRemove} className={removeButton} aria-label={`Remove message ${n}`}>
            Remove
          </button>
        </span>
      </div>
      <FieldError id={`${message.id}-role-error`} message={roleError} />

      <div role="radiogroup" aria-label={`Message ${n} content`} className="mb-2 inline-flex rounded-md border border-slate-300 bg-slate-50 p-0.5 text-sm">
        {(["text", "parts"] as const).map((kind) => (
          <label
            key={kind}
            className={`cursor-pointer rounded px-2.5 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${
              message.contentKind === kind ? "bg-surface font-medium text-slate-900 shadow-sm" : "text-slate-600"
            }`}
          >
            <input
              type="radio"
              name={`${message.id}-content-kind`}
              value={kind}
              checked={message.contentKind === kind}
              onChange={() =>
                props.onChange(
                  kind === "parts" && message.parts.length === 0
                    ? { contentKind: kind, parts: [{ ...newPart("text"), text: message.text } as ReturnType<typeof newPart>] }
                    : { contentKind: kind },
                )
              }
              className="sr-only"
            />
            {kind === "text" ? "Plain text" : "Content parts"}
          </label>
        ))}
      </div>

      {message.contentKind === "text" ? (
        <>
          <label htmlFor={textId} className="sr-only">
            Message {n} text
          </label>
          <textarea
            id={textId}
            value={message.text}
            onChange={(event) => props.onChange({ text: event.target.value })}
            rows={3}
            placeholder={message.role === "user" ? "What the user says…" : "What the assistant said…"}
            aria-invalid={contentError ? true : undefined}
            aria-describedby={contentError ? `${textId}-error` : undefined}
            className={`${input} resize-y leading-6`}
          />
        </>
      ) : (
        <div id={textId} tabIndex={-1}>
          <ContentPartsEditor
            messageIndex={index}
            parts={message.parts}
            errors={errors}
            onChange={(parts) => props.onChange({ parts })}
            focusLater={props.focusLater}
          />
        </div>
      )}
      <FieldError id={`${textId}-error`} message={contentError} />

      <div className="mt-3 border-t border-slate-100 pt-3">
        <button
          type="button"
          className={`${quietButton} -ml-2 text-left`}
          aria-expanded={showExtras}
          aria-controls={extrasId}
          onClick={() => setOpen(!showExtras)}
        >
          <span aria-hidden>{showExtras ? "▾" : "▸"}</span> Attachments and metadata
          <span className="ml-1 text-slate-500">
            ({message.attachments.length} {message.attachments.length === 1 ? "file" : "files"}, {message.metadata.length}{" "}
            {message.metadata.length === 1 ? "pair" : "pairs"})
          </span>
          <span className="sr-only"> for message {n}</span>
        </button>
        {showExtras && (
          <div id={extrasId} className="mt-3 space-y-4">
            <AttachmentsEditor
              messageIndex={index}
              attachments={message.attachments}
              errors={errors}
              onChange={(attachments) => props.onChange({ attachments })}
              focusLater={props.focusLater}
            />
            <MetadataEditor
              nested
              label="Message metadata"
              controlLabel={`Message ${n} metadata`}
              idPrefix={`${message.id}-metadata`}
              rows={message.metadata}
              error={errors[metadataPath]}
              rowErrors={props.rowErrors}
              onChange={(metadata) => props.onChange({ metadata })}
              emptyText="No metadata on this message."
              addLabel={`Add metadata pair to message ${n}`}
            />
          </div>
        )}
      </div>
    </article>
  );
}
