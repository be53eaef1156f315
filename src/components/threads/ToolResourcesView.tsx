type ToolResources = {
  code_interpreter?: { file_ids?: string[] } | null;
  file_search?: { vector_store_ids?: string[] } | null;
};

/** The thread's tool resources as the upstream last described them. */
export function ToolResourcesView({ toolResources }: { toolResources: unknown }) {
  const resources = (toolResources ?? {}) as ToolResources;
  const files = resources.code_interpreter?.file_ids ?? [];
  const stores = resources.file_search?.vector_store_ids ?? [];
  if (files.length === 0 && stores.length === 0) return <p className="text-sm text-slate-500">No tool resources.</p>;
  return (
    <dl className="space-y-3 text-sm" data-testid="tool-resources">
      {files.length > 0 && <IdList term="Code interpreter files" ids={files} />}
      {stores.length > 0 && <IdList term="File search vector stores" ids={stores} />}
    </dl>
  );
}

function IdList({ term, ids }: { term: string; ids: string[] }) {
  return (
    <div>
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd className="mt-1 flex flex-wrap gap-1.5">
        {ids.map((id) => (
          <span key={id} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
            {id}
          </span>
        ))}
      </dd>
    </div>
  );
}
