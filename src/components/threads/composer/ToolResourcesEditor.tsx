"use client";

import { formatIssuePath } from "~/lib/thread-request/issue-path";
import { CHUNK_SIZE_MAX, CHUNK_SIZE_MIN, CODE_INTERPRETER_MAX_FILES, maxChunkOverlapFor } from "~/lib/thread-request/schema";
import { FieldError } from "../FieldError";
import { LineField } from "./LineField";
import { fieldId, type ChunkingChoice, type Draft, type DraftVectorStore, type FileSearchMode } from "./draft";
import { FileIdListEditor } from "./FileIdListEditor";
import { MetadataEditor } from "./MetadataEditor";
import { card, hint, input, sectionTitle } from "./styles";

type Props = {
  draft: Draft;
  errors: Record<string, string>;
  rowErrors: Record<string, string>;
  onChange: (patch: Partial<Draft>) => void;
};

const FILE_SEARCH = ["tool_resources", "file_search"] as const;
const STORE = [...FILE_SEARCH, "vector_stores", 0] as const;
const STATIC = [...STORE, "chunking_strategy", "static"] as const;

const FILE_SEARCH_CHOICES: { mode: FileSearchMode; label: string; description: string }[] = [
  { mode: "none", label: "None", description: "No vector store for this thread." },
  { mode: "existing", label: "Existing vector store", description: "Attach one vector store by its ID." },
  { mode: "new", label: "New vector store", description: "Create one from file IDs when the thread is created." },
];

export function ToolResourcesEditor({ draft, errors, rowErrors, onChange }: Props) {
  const { fileSearch } = draft;
  const store = fileSearch.newStore;
  const setStore = (patch: Partial<DraftVectorStore>) =>
    onChange({ fileSearch: { ...fileSearch, newStore: { ...store, ...patch } } });
  const path = (...segments: (string | number)[]) => formatIssuePath(segments);
  const fileSearchError = errors[path(...FILE_SEARCH)] ?? errors[path("tool_resources")];

  return (
    <div className="space-y-5">
      <h2 className={sectionTitle}>Tool resources</h2>

      <div className={card}>
        <FileIdListEditor
          label="Code interpreter files"
          inputId={fieldId(path("tool_resources", "code_interpreter", "file_ids"))}
          ids={draft.codeInterpreterFileIds}
          max={CODE_INTERPRETER_MAX_FILES}
          error={errors[path("tool_resources", "code_interpreter", "file_ids")] ?? firstUnder(errors, path("tool_resources", "code_interpreter"))}
          onChange={(codeInterpreterFileIds) => onChange({ codeInterpreterFileIds })}
        />
      </div>

      <fieldset className={`${card} space-y-3`}>
        <legend className="sr-only">File search</legend>
        <p aria-hidden className="text-sm font-medium text-slate-800">
          File search
        </p>
        <div role="radiogroup" aria-label="File search vector store" className="grid gap-2 sm:grid-cols-3">
          {FILE_SEARCH_CHOICES.map((choice) => (
            <label
              key={choice.mode}
              className={`flex cursor-pointer gap-2 rounded-md border p-2.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${
                fileSearch.mode === choice.mode ? "border-indigo-500 bg-indigo-50/60" : "border-slate-200 bg-surface hover:bg-slate-50"
              }`}
            >
              <input
                type="radio"
                name="file-search-mode"
                value={choice.mode}
                checked={fileSearch.mode === choice.mode}
                onChange={() => onChange({ fileSearch: { ...fileSearch, mode: choice.mode } })}
                className="mt-0.5 h-4 w-4 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{choice.label}</span>
                <span className={hint}>{choice.description}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${fieldId(path(...FILE_SEARCH))}-error`} message={fileSearchError} />

        {fileSearch.mode === "existing" && (
          <LineField
            visibleLabel
            errorPath={path(...FILE_SEARCH, "vector_store_ids")}
            label="Vector store ID"
            placeholder="vs_abc123"
            value={fileSearch.vectorStoreId}
            errors={errors}
            error={firstUnder(errors, path(...FILE_SEARCH, "vector_store_ids"))}
            onChange={(vectorStoreId) => onChange({ fileSearch: { ...fileSearch, vectorStoreId } })}
          />
        )}

        {fileSearch.mode === "new" && (
          <div className="space-y-4 border-t border-slate-100 pt-3">
            <FileIdListEditor
              label="Vector store files"
              inputId={fieldId(path(...STORE, "file_ids"))}
              ids={store.fileIds}
              error={errors[path(...STORE, "file_ids")] ?? firstUnder(errors, path(...STORE, "file_ids"))}
              onChange={(fileIds) => setStore({ fileIds })}
            />
            <ChunkingEditor store={store} errors={errors} onChange={setStore} />
            <MetadataEditor
              nested
              label="Vector store metadata"
              controlLabel="Vector store metadata"
              idPrefix="vector-store-metadata"
              rows={store.metadata}
              error={errors[path(...STORE, "metadata")]}
              rowErrors={rowErrors}
              onChange={(metadata) => setStore({ metadata })}
              emptyText="No metadata on the vector store."
              addLabel="Add metadata pair to the vector store"
            />
          </div>
        )}
      </fieldset>
    </div>
  );
}

/** The first error at `prefix` or below it (e.g. one bad item of a list). */
function firstUnder(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === prefix || path.startsWith(`${prefix}[`) || path.startsWith(`${prefix}.`));
  return key === undefined ? undefined : errors[key];
}

const CHUNKING_CHOICES: { value: ChunkingChoice; label: string }[] = [
  { value: "default", label: "Not set" },
  { value: "auto", label: "Auto" },
  { value: "static", label: "Static" },
];

function ChunkingEditor({
  store,
  errors,
  onChange,
}: {
  store: DraftVectorStore;
  errors: Record<string, string>;
  onChange: (patch: Partial<DraftVectorStore>) => void;
}) {
  const strategyPath = formatIssuePath([...STORE, "chunking_strategy"]);
  const maxPath = formatIssuePath([...STATIC, "max_chunk_size_tokens"]);
  const overlapPath = formatIssuePath([...STATIC, "chunk_overlap_tokens"]);
  const max = Number(store.maxChunkSizeTokens);
  const overlapLimit = Number.isInteger(max) && max >= CHUNK_SIZE_MIN ? maxChunkOverlapFor(max) : undefined;
  const strategyError = errors[strategyPath] ?? errors[formatIssuePath([...STATIC])];

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Chunking strategy</legend>
      <div role="radiogroup" aria-label="Chunking strategy" className="inline-flex rounded-md border border-slate-300 bg-slate-50 p-0.5 text-sm">
        {CHUNKING_CHOICES.map((choice) => (
          <label
            key={choice.value}
            className={`cursor-pointer rounded px-2.5 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${
              store.chunking === choice.value ? "bg-surface font-medium text-slate-900 shadow-sm" : "text-slate-600"
            }`}
          >
            <input
              type="radio"
              name="chunking-strategy"
              value={choice.value}
              checked={store.chunking === choice.value}
              onChange={() => onChange({ chunking: choice.value })}
              className="sr-only"
            />
            {choice.label}
          </label>
        ))}
      </div>
      <p className={hint}>
        {store.chunking === "static"
          ? "Fixed-size chunks: you choose the size and how much neighbouring chunks overlap."
          : store.chunking === "auto"
            ? "The upstream picks the chunk size (currently 800 tokens, 400 overlap)."
            : "Leaves chunking_strategy out of the request; the upstream uses auto."}
      </p>
      {store.chunking === "static" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberField
            label="Max chunk size (tokens)"
            path={maxPath}
            value={store.maxChunkSizeTokens}
            min={CHUNK_SIZE_MIN}
            max={CHUNK_SIZE_MAX}
            help={`${CHUNK_SIZE_MIN}–${CHUNK_SIZE_MAX} tokens.`}
            error={errors[maxPath]}
            onChange={(maxChunkSizeTokens) => onChange({ maxChunkSizeTokens })}
          />
          <NumberField
            label="Chunk overlap (tokens)"
            path={overlapPath}
            value={store.chunkOverlapTokens}
            min={0}
            max={overlapLimit}
            help={overlapLimit === undefined ? "At most half of the max chunk size." : `0–${overlapLimit} tokens (at most half of the chunk size).`}
            error={errors[overlapPath]}
            onChange={(chunkOverlapTokens) => onChange({ chunkOverlapTokens })}
          />
        </div>
      )}
      <FieldError id={`${fieldId(strategyPath)}-error`} message={strategyError} />
    </fieldset>
  );
}

function NumberField(props: {
  label: string;
  path: string;
  value: string;
  min: number;
  max: number | undefined;
  help: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = fieldId(props.path);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm text-slate-700">
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-help${props.error ? ` ${id}-error` : ""}`}
        className={`${input} tabular-nums`}
      />
      <p id={`${id}-help`} className={`mt-1 ${hint}`}>
        {props.help}
      </p>
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}
