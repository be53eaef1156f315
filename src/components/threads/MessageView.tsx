// Renders a stored message exactly as sent. Everything is text to React: nothing the user
// typed is ever interpreted as HTML, and only http(s) image URLs are fetched (without a referrer).
import { ImagePreview } from "./ImagePreview";

export type StoredMessage = {
  position: number;
  role: string;
  content: unknown;
  attachments: unknown;
  metadata: unknown;
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value) ?? "");

export function MessageView({ message }: { message: StoredMessage }) {
  const parts: unknown[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : Array.isArray(message.content) ? message.content : [message.content];
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  const metadata = isObject(message.metadata) ? Object.entries(message.metadata) : [];
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="message">
      <header className="mb-2 flex items-center gap-2">
        <span
          className={`rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${
            message.role === "assistant" ? "bg-emerald-100 text-emerald-800" : "bg-indigo-100 text-indigo-800"
          }`}
        >
          {message.role}
        </span>
        <span className="text-xs text-slate-400">#{message.position + 1}</span>
      </header>
      <div className="space-y-2">
        {parts.map((part, index) => (
          <ContentPart key={index} part={part} />
        ))}
      </div>
      {attachments.length > 0 && (
        <ul className="mt-3 space-y-1 text-xs text-slate-600" data-testid="message-attachments">
          {attachments.map((attachment, index) => {
            const tools = isObject(attachment) && Array.isArray(attachment.tools) ? attachment.tools.map((tool) => (isObject(tool) ? text(tool.type) : text(tool))) : [];
            return (
              <li key={index} className="flex flex-wrap items-center gap-1.5">
                <span>Attachment</span>
                <span className="break-all font-mono text-slate-800">{isObject(attachment) ? text(attachment.file_id ?? "(no file id)") : text(attachment)}</span>
                {tools.length > 0 && <span aria-hidden>→</span>}
                {tools.map((tool, toolIndex) => (
                  <span key={toolIndex} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">
                    {tool}
                  </span>
                ))}
              </li>
            );
          })}
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

function ContentPart({ part }: { part: unknown }) {
  if (!isObject(part)) return <pre className="overflow-x-auto text-xs">{text(part)}</pre>;
  if (part.type === "text") {
    const value = text(part.text);
    return (
      <p className="whitespace-pre-wrap break-words text-sm leading-6" data-testid="part-text">
        {value || <em className="text-slate-400">(empty)</em>}
      </p>
    );
  }
  if (part.type === "image_url" && isObject(part.image_url)) {
    const url = part.image_url.url;
    return (
      <figure className="flex flex-wrap items-start gap-3 text-sm" data-testid="part-image-url">
        {/* http(s) only (never javascript:, data: or file:), fetched without a referrer. */}
        <ImagePreview url={url} className="h-24 w-24" alt="Image from the message's image URL" />
        <figcaption className="min-w-0 flex-1">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Image URL</span>
          <Detail value={part.image_url.detail} />
          <span className="mt-0.5 block break-all font-mono text-xs text-slate-700">{text(url)}</span>
        </figcaption>
      </figure>
    );
  }
  if (part.type === "image_file" && isObject(part.image_file)) {
    return (
      <p className="text-sm" data-testid="part-image-file">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Image file</span>
        <Detail value={part.image_file.detail} />
        <span className="mt-0.5 block break-all font-mono text-xs text-slate-700">{text(part.image_file.file_id)}</span>
      </p>
    );
  }
  return <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(part, null, 2)}</pre>;
}
