// A text part with its annotations: each annotated range is marked in the text and numbered,
// and a list under it says which file each one cites (file_citation) or produced (file_path).
import type { Annotation } from "openai/resources/beta/threads/messages";

type Segment = { text: string; note?: number };

/**
 * Splits `value` at the annotations' ranges. Ranges the text cannot hold (out of bounds,
 * overlapping an earlier one) are listed but not marked, so nothing is cut or repeated.
 */
export function splitAnnotated(value: string, annotations: readonly Annotation[]): Segment[] {
  const ranges = annotations
    .map((annotation, index) => ({ start: annotation.start_index, end: annotation.end_index, note: index + 1 }))
    .filter((range) => Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.end > range.start && range.end <= value.length)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start < at) continue;
    if (range.start > at) segments.push({ text: value.slice(at, range.start) });
    segments.push({ text: value.slice(range.start, range.end), note: range.note });
    at = range.end;
  }
  if (at < value.length || segments.length === 0) segments.push({ text: value.slice(at) });
  return segments;
}

export function AnnotatedText({ value, annotations }: { value: string; annotations: readonly Annotation[] }) {
  const segments = splitAnnotated(value, annotations);
  return (
    <div data-testid="part-text">
      <p className="whitespace-pre-wrap break-words text-sm leading-6">
        {value === "" ? (
          <em className="text-slate-500">(empty)</em>
        ) : (
          segments.map((segment, index) =>
            segment.note === undefined ? (
              <span key={index}>{segment.text}</span>
            ) : (
              <mark key={index} className="rounded bg-sky-100 px-0.5 text-inherit">
                {segment.text}
                <sup className="ml-0.5 text-[10px] font-semibold text-sky-700">{segment.note}</sup>
              </mark>
            ),
          )
        )}
      </p>
      {annotations.length > 0 && (
        <ol className="mt-2 space-y-0.5 border-t border-slate-100 pt-2 text-xs text-slate-600" data-testid="annotations">
          {annotations.map((annotation, index) => (
            <li key={index} className="flex flex-wrap gap-x-1.5">
              <span className="font-semibold text-sky-700">{index + 1}</span>
              <span>{annotation.type === "file_citation" ? "Cites file" : "File path"}</span>
              <span className="break-all font-mono text-slate-800">
                {annotation.type === "file_citation" ? annotation.file_citation.file_id : annotation.file_path.file_id}
              </span>
              <span className="break-all text-slate-500">for “{annotation.text}”</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
