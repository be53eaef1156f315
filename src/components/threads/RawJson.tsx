/** A stored JSON document, shown as text (never interpreted), collapsed until asked for. */
export function RawJson({ title, value, testId }: { title: string; value: unknown; testId: string }) {
  return (
    <details className="group rounded-xl border border-slate-200 bg-surface shadow-sm" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3 text-sm font-medium text-slate-800 hover:bg-slate-50">
        {title}
        <span aria-hidden className="text-slate-400 transition group-open:rotate-90">
          ›
        </span>
      </summary>
      <pre className="max-h-96 overflow-auto rounded-b-xl bg-gray-900 p-4 text-xs leading-5 text-gray-100">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
