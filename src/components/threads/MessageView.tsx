// Renders one message as the upstream has it (`MessageObject`). Everything is text to React:
// nothing in a message is ever interpreted as HTML, and only http(s) image URLs are fetched
// (without a referrer).
import { formatUnixSeconds } from "~/lib/format-time";
import type { RouterOutputs } from "~/trpc/react";
import { AnnotatedText } from "./AnnotatedText";
import { ImagePreview } from "./ImagePreview";

type Page = Extract<RouterOutputs["messages"]["list"], { kind: "page" }>;
export type ListedMessage = Page["messages"][number];
type Message = ListedMessage["message"];
type Part = Message["content"][number];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value) ?? "");

export function MessageView({ listed }: { listed: ListedMessage }) {
  const { message, spool } = listed;
  const attachments = message.attachments ?? [];
  const metadata = isObject(message.metadata) ? Object.entries(message.metadata) : [];
  const created = new Date(message.created_at * 1000);
  return (
    <article
      className={`rounded-lg border bg-surface p-4 shadow-sm ${message.role === "assistant" ? "border-emerald-200" : "border-slate-200"}`}
      data-testid="message"
      data-message-id={message.id}
      aria-label={`${message.role} message ${message.id}`}
    >
      <header className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1">
        <span
          className={`rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${
            message.role === "assistant" ? "bg-emerald-100 text-emerald-800" : "bg-indigo-100 text-indigo-800"
          }`}
          data-testid="message-role"
        >
          {message.role}
        </span>
        <time dateTime={created.toISOString()} className="text-xs text-slate-500">
          {formatUnixSeconds(message.created_at)}
        </time>
        {spool && (
          <span className="rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200" data-testid="sent-by-spool">
            {spool.how === "creation"
              ? "Sent by Spool at creation"
              : `Added through Spool${spool.by ? ` by ${spool.by}` : ""}${spool.via === "gateway" ? " (gateway)" : ""}`}
          </span>
        )}
        {message.status !== "completed" && (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-700">
            {message.status}
            {message.incomplete_details?.reason ? `: ${message.incomplete_details.reason}` : ""}
          </span>
        )}
        <span className="ml-auto break-all font-mono text-[11px] text-slate-500">{message.id}</span>
      </header>
      <div className="space-y-2">
        {message.content.length === 0 ? (
          <p className="text-sm italic text-slate-500">(no content)</p>
        ) : (
          message.content.map((part, index) => <ContentPart key={index} part={part} />)
        )}
      </div>
      {(message.run_id || message.assistant_id) && (
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" data-testid="message-run">
          {message.assistant_id && (
            <span>
              Assistant <span className="break-all font-mono text-slate-800">{message.assistant_id}</span>
            </span>
          )}
          {message.run_id && (
            <span>
              Run <span className="break-all font-mono text-slate-800">{message.run_id}</span>
            </span>
          )}
        </p>
      )}
      {attachments.length > 0 && (
        <ul className="mt-3 space-y-1 text-xs text-slate-600" data-testid="message-attachments">
          {attachments.map((attachment, index) => (
            <li key={index} className="flex flex-wrap items-center gap-1.5">
              <span>Attachment</span>
              <span className="break-all font-mono text-slate-800">{attachment.file_id ?? "(no file id)"}</span>
              {(attachment.tools ?? []).length > 0 && <span aria-hidden>→</span>}
              {(attachment.tools ?? []).map((tool, toolIndex) => (
                <span key={toolIndex} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">
                  {tool.type}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {metadata.length > 0 && (
        <p className="mt-3 flex flex-wrap gap-1.5 text-xs" data-testid="message-metadata">
          {metadata.map(([key, value]) => (
            <span key={key} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">
              {key}={text(value)}
            </span>
          ))}
        </p>
      )}
    </article>
  );
}

function Detail({ value }: { value: unknown }) {
  if (value === undefined) return null;
  return <span className="text-xs text-slate-500"> · detail {text(value)}</span>;
}

function ContentPart({ part }: { part: Part }) {
  switch (part.type) {
    case "text":
      return <AnnotatedText value={part.text.value} annotations={part.text.annotations} />;
    case "image_url":
      return (
        <figure className="flex flex-wrap items-start gap-3 text-sm" data-testid="part-image-url">
          {/* http(s) only (never javascript:, data: or file:), fetched without a referrer. */}
          <ImagePreview url={part.image_url.url} className="h-24 w-24" alt="Image from the message's image URL" />
          <figcaption className="min-w-0 flex-1">
            <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Image URL</span>
            <Detail value={part.image_url.detail} />
            <span className="mt-0.5 block break-all font-mono text-xs text-slate-700">{part.image_url.url}</span>
          </figcaption>
        </figure>
      );
    case "image_file":
      return (
        <p className="text-sm" data-testid="part-image-file">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Image file</span>
          <Detail value={part.image_file.detail} />
          <span className="mt-0.5 block break-all font-mono text-xs text-slate-700">{part.image_file.file_id}</span>
        </p>
      );
    case "refusal":
      return (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" data-testid="part-refusal">
          <span className="mr-1 text-xs font-semibold uppercase tracking-wide">Refusal</span>
          {part.refusal}
        </p>
      );
    default:
      // A part type newer than this page: shown as the upstream sent it rather than dropped.
      return <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(part, null, 2)}</pre>;
  }
}
