"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { newIdempotencyKey } from "~/lib/idempotency-key";
import { issuesToLocatedErrors } from "~/lib/thread-request/issue-path";
import { threadCreateRequestSchema } from "~/lib/thread-request/schema";
import {
  checkDraft,
  describePath,
  emptyDraft,
  formLosses,
  requestToDraft,
  type Draft,
  type Problem,
} from "./draft";
import { clearDraft, loadDraft, saveDraft } from "./draft-storage";
import type { JsonSpot } from "./json-location";
import type { JsonReveal } from "./JsonCodeEditor";
import { JSON_EDITOR_ID, JsonEditor, syntaxErrorSpot } from "./JsonEditor";
import { MessageListEditor } from "./MessageListEditor";
import { MetadataEditor } from "./MetadataEditor";
import { panel, quietButton } from "./styles";
import { TabList } from "./TabList";
import { ToolResourcesEditor } from "./ToolResourcesEditor";
import { useCreateThread } from "./use-create-thread";
import { useFocusLater } from "./use-focus-later";
import { useRequestTextReader } from "./use-request-text-reader";

// The code samples and their editor load only when the Code tab is opened.
const CodeView = dynamic(() => import("./CodeView").then((module) => module.CodeView), {
  loading: () => <p className="text-sm text-slate-500">Loading the code view…</p>,
});

/** A reason Create is blocked; in JSON mode, where in the text it is. */
type Blocker = Problem & { spot?: JsonSpot | null };
type SubmitError = { message: string; fieldErrors: Record<string, string>; outcomeUnknown: boolean; attemptId?: string };
type View = "form" | "json" | "code";
/** The editor state; `json` is non-null while JSON mode is where the request comes from. */
type State = { draft: Draft; json: string | null };

/** The router's input nests the request under `request`; the form's paths start inside it. */
const REQUEST_PREFIX = /^request\.?/;

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

type Props = {
  /** A stored request to start from: a thread's ("Duplicate as new") or a failed attempt's ("Edit in composer"). */
  from?: { threadId?: string; attemptId?: string; request: unknown };
};

const subscribeToNothing = () => () => {};

/** Where the composer starts: the thread being duplicated, else the saved draft, else empty. */
function initialState(from: Props["from"]): { state: State; view: View } {
  if (from) {
    // What the form cannot hold opens in JSON mode, so nothing of the original is lost.
    const exact = formLosses(from.request).length > 0;
    return { state: { draft: requestToDraft(from.request), json: exact ? pretty(from.request) : null }, view: exact ? "json" : "form" };
  }
  const saved = loadDraft();
  return { state: saved ?? { draft: emptyDraft(), json: null }, view: saved?.json != null ? "json" : "form" };
}

export function ThreadComposer({ from }: Props) {
  // Drafts live in localStorage, which only the browser has: the editor starts once mounted.
  const mounted = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  if (!mounted) return <ComposerSkeleton />;
  return <LoadedComposer from={from} />;
}

function LoadedComposer({ from }: Props) {
  const [initial] = useState(() => initialState(from));
  const [state, setState] = useState<State>(initial.state);
  const [view, setView] = useState<View>(initial.view);
  const router = useRouter();
  const focusLater = useFocusLater();
  // One key per submission: a double click or a network retry reuses it, so the
  // server creates one thread. It changes once the server has answered.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [pendingLosses, setPendingLosses] = useState<string[] | null>(null);
  const [reveal, setReveal] = useState<JsonReveal | null>(null);
  const { draft, json } = state;

  useEffect(() => saveDraft(state), [state]);

  const formCheck = useMemo(() => checkDraft(draft), [draft]);
  // Until JSON5 has loaded, text that is not strict JSON reads as pending; then it is read again.
  const readRequestText = useRequestTextReader(json !== null);
  const jsonParsed = useMemo(() => (json === null ? null : readRequestText(json)), [json, readRequestText]);
  const jsonErrors = useMemo(() => {
    if (!jsonParsed?.ok) return [];
    const result = threadCreateRequestSchema.safeParse(jsonParsed.value);
    return result.success ? [] : issuesToLocatedErrors(result.error);
  }, [jsonParsed]);

  // What Create sends, and what blocks it, come from whichever editor is the source.
  const request: unknown = jsonParsed ? (jsonParsed.ok ? jsonParsed.value : undefined) : formCheck.request;
  const problems: Blocker[] = jsonParsed
    ? jsonParsed.ok
      ? jsonErrors.map(({ path, message, at }) => ({ path, message, fieldId: JSON_EDITOR_ID, spot: { path: at } }))
      : [{ path: "", message: jsonParsed.message, fieldId: JSON_EDITOR_ID, spot: syntaxErrorSpot(jsonParsed) }]
    : formCheck.problems;
  const blocked = problems.length > 0;

  const create = useCreateThread({
    onSuccess: (thread) => {
      clearDraft();
      router.push(`/threads/${thread.id}`);
    },
    onError: (error) => {
      const fieldErrors: Record<string, string> = {};
      for (const { path, message } of error.data?.fieldErrors ?? []) {
        fieldErrors[path.replace(REQUEST_PREFIX, "")] ??= message;
      }
      setSubmitError({
        message: error.message,
        fieldErrors,
        outcomeUnknown: error.data?.upstream?.outcome === "UNKNOWN",
        attemptId: error.data?.upstream?.attemptId ?? undefined,
      });
      if (error.data) {
        setIdempotencyKey(newIdempotencyKey());
        // The server recorded the attempt: the navigation's Attempts count is now one more.
        router.refresh();
      }
    },
  });

  const edit = (next: State) => {
    setState(next);
    setSubmitError(null);
  };
  const editDraft = (patch: Partial<Draft>) => edit({ draft: { ...draft, ...patch }, json });
  const errors = { ...formCheck.errors, ...submitError?.fieldErrors };

  // Opens the JSON tab (loading its editor if need be) with the cursor on `spot`.
  const revealInJson = (spot: JsonSpot | null) => {
    setView("json");
    setReveal((previous) => ({ spot, nonce: (previous?.nonce ?? 0) + 1 }));
  };
  const revealed = useCallback(() => setReveal(null), []);

  const showForm = (force = false) => {
    if (json === null) return setView("form");
    if (!jsonParsed?.ok) {
      revealInJson(jsonParsed ? syntaxErrorSpot(jsonParsed) : null);
      return;
    }
    const losses = formLosses(jsonParsed.value);
    if (losses.length > 0 && !force) {
      setPendingLosses(losses);
      return;
    }
    setPendingLosses(null);
    edit({ draft: requestToDraft(jsonParsed.value), json: null });
    setView("form");
  };
  const showJson = () => {
    setPendingLosses(null);
    if (json === null) edit({ draft, json: pretty(formCheck.request) });
    setView("json");
  };

  const tabs: { id: View; label: string; select: () => void }[] = [
    { id: "form", label: "Form", select: () => showForm() },
    { id: "json", label: "JSON", select: showJson },
    { id: "code", label: "Code", select: () => setView("code") },
  ];

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (blocked || create.isPending || request === undefined) return;
        create.mutate({ idempotencyKey, request: request as never });
      }}
      className="space-y-6"
    >
      {from && (
        <p className="rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900" data-testid="duplicate-notice">
          {from.threadId ? (
            <>
              Pre-filled from thread <span className="break-all font-mono">{from.threadId}</span>. Creating makes a new thread; the
              original is unchanged.
            </>
          ) : (
            <>
              Loaded from failed attempt <span className="break-all font-mono">{from.attemptId}</span>. Fix what the upstream refused,
              then create; the attempt stays in Attempts until you dismiss it.
            </>
          )}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200">
        <TabList
          label="Composer view"
          tabs={tabs}
          selected={view}
          onSelect={(id) => tabs.find((tab) => tab.id === id)!.select()}
          idPrefix="view-tab"
          panelId="composer-panel"
          className="-mb-px flex gap-1"
          tabClassName={(selected) =>
            `border-b-2 px-3 py-2 text-sm font-medium ${
              selected ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`
          }
        />
        <button
          type="button"
          className={`${quietButton} mb-1`}
          onClick={() => {
            if (!window.confirm("Discard this draft and start again?")) return;
            clearDraft();
            setPendingLosses(null);
            edit({ draft: emptyDraft(), json: null });
            setView("form");
          }}
        >
          Start over
        </button>
      </div>

      {pendingLosses && (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="form-losses">
          <p className="font-medium">The form cannot show everything in this body. Switching drops or changes:</p>
          <ul className="mt-1 list-inside list-disc font-mono text-xs">
            {pendingLosses.map((path) => (
              <li key={path}>{path || "(body)"}</li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" className="rounded-md bg-amber-600 px-3 py-1.5 font-medium text-white hover:bg-amber-500" onClick={() => showForm(true)}>
              Switch and drop them
            </button>
            <button type="button" className="rounded-md border border-amber-400 bg-surface px-3 py-1.5 font-medium" onClick={() => setPendingLosses(null)}>
              Stay in JSON
            </button>
          </div>
        </div>
      )}

      <div id="composer-panel" role="tabpanel" aria-labelledby={`view-tab-${view}`}>
        {view === "form" && (
          <div className="space-y-6">
            {json !== null && (
              <p className="rounded-md border border-slate-200 bg-surface p-3 text-sm text-slate-600">
                The request comes from the JSON view.{" "}
                <button type="button" className="font-medium text-indigo-700 underline" onClick={() => showForm()}>
                  Load it into the form
                </button>
              </p>
            )}
            <section className={panel}>
              <MessageListEditor
                messages={draft.messages}
                errors={errors}
                rowErrors={formCheck.rowErrors}
                onChange={(messages) => editDraft({ messages })}
              />
            </section>
            <section className={panel}>
              <ToolResourcesEditor draft={draft} errors={errors} rowErrors={formCheck.rowErrors} onChange={editDraft} />
            </section>
            <section className={panel}>
              <MetadataEditor
                label="Thread metadata"
                rows={draft.metadata}
                error={errors["metadata"]}
                rowErrors={formCheck.rowErrors}
                onChange={(metadata) => editDraft({ metadata })}
              />
            </section>
          </div>
        )}
        {view === "json" && json !== null && jsonParsed && (
          <JsonEditor
            text={json}
            parsed={jsonParsed}
            errors={jsonErrors}
            onChange={(text) => edit({ draft, json: text })}
            onFormat={() => jsonParsed.ok && edit({ draft, json: pretty(jsonParsed.value) })}
            reveal={reveal}
            onReveal={revealInJson}
            onRevealed={revealed}
          />
        )}
        {view === "code" &&
          (request === undefined ? (
            <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              The JSON body does not parse yet, so there is no code to show. Fix it in the JSON view.
            </p>
          ) : (
            <CodeView request={request} />
          ))}
      </div>

      {submitError && (
        <div role="alert" data-testid="submit-error" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p className="font-medium">{submitError.message}</p>
          {submitError.outcomeUnknown && (
            <p className="mt-1">
              Spool recorded this attempt as <strong>outcome unknown</strong>. Creating again makes a new attempt, which
              may leave two threads upstream.
            </p>
          )}
          {submitError.attemptId && (
            <p className="mt-2">
              <Link href={`/attempts#attempt-${submitError.attemptId}`} className="font-medium underline underline-offset-2">
                See this attempt in Attempts
              </Link>
            </p>
          )}
        </div>
      )}

      <div className="border-t border-slate-200 pt-4">
        <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
          <button
            type="submit"
            disabled={blocked || create.isPending}
            aria-describedby="create-status"
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-400"
          >
            {create.isPending ? "Creating…" : "Create thread"}
          </button>
          <div id="create-status" role="status" className="min-w-0 flex-1 text-sm text-slate-600">
            {blocked ? (
              <>
                <p className="pt-2">
                  Fix {problems.length} {problems.length === 1 ? "problem" : "problems"} to create this thread:
                </p>
                <ul className="mt-1 space-y-0.5" data-testid="create-blockers">
                  {problems.slice(0, 5).map((problem, index) => (
                    <li key={`${problem.path}-${index}`}>
                      <button
                        type="button"
                        className="text-left text-red-800 underline decoration-red-300 underline-offset-2 hover:decoration-red-600"
                        onClick={() => {
                          if (problem.spot !== undefined) return revealInJson(problem.spot);
                          setView("form");
                          focusLater(problem.fieldId);
                        }}
                      >
                        <span className="font-medium">{describePath(problem.path)}:</span>{" "}
                        {problem.message}
                      </button>
                    </li>
                  ))}
                  {problems.length > 5 && <li className="text-slate-500">…and {problems.length - 5} more.</li>}
                </ul>
              </>
            ) : create.isPending ? (
              <p className="pt-2">
                Creating the thread upstream… <Elapsed />. Spool has recorded the attempt; if you leave, it stays in{" "}
                <Link href="/attempts" className="font-medium text-indigo-700 underline underline-offset-2">
                  Attempts
                </Link>
                .
              </p>
            ) : (
              <p className="pt-2 text-slate-500">
                {messageCount(request) === 0 ? "Ready to create a thread with no messages." : "Ready."}{" "}
                {json === null ? "Built with the form" : "Sending the JSON body exactly"}; the draft is saved in this browser until you
                create it.
              </p>
            )}
          </div>
        </div>
      </div>
    </form>
  );
}

/** Seconds since it mounted, so a slow upstream is visibly slow rather than stuck. */
function Elapsed() {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="tabular-nums">{Math.floor((now - started) / 1000)} s</span>;
}

function messageCount(request: unknown): number {
  const messages = (request as { messages?: unknown } | undefined)?.messages;
  return Array.isArray(messages) ? messages.length : 0;
}

function ComposerSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the composer" className="space-y-4">
      <div className="h-9 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-48 animate-pulse rounded-xl bg-slate-200/70" />
      <div className="h-32 animate-pulse rounded-xl bg-slate-200/70" />
    </div>
  );
}
