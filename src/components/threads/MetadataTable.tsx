export function MetadataTable({ metadata }: { metadata: unknown }) {
  const entries = Object.entries((metadata ?? {}) as Record<string, string>);
  if (entries.length === 0) return <p className="text-sm text-slate-500">No metadata.</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]" data-testid="metadata">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="break-all font-mono font-medium text-slate-700">{key}</dt>
          <dd className="mb-2 break-all font-mono text-slate-900 sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
