"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { newIdempotencyKey } from "~/lib/idempotency-key";
import { api } from "~/trpc/react";
import { checkDraft, emptyDraft, newMessage, type DraftMessage } from "../composer/draft";
import { MessageEditor } from "../composer/MessageListEditor";
import { useFocusLater } from "../composer/use-focus-later";

type SubmitError = { message: string; outcomeUnknown: boolean; fieldErrors: Record<string, string> };

// The composer's editor addresses its fields as message 0 of a create-thread request; the
// add-message request is that message alone.
const AS_THREAD_MESSAGE = "messages[0]";
const REQUEST_PREFIX = /^request\.?/;

/**
 * Adds one message to the thread with the composer's message editor and its live validation
 * (the create-message schema is the create-thread request's message schema).
 */
export function AddMessageForm({ threadId, onAdded, onReload }: { threadId: string; onAdded: () => void; onReload: () => void }) {
  const router = useRouter();
  const focusLater = useFocusLater();
  const [message, setMessage] = useState<DraftMessage>(() => newMessage("user"));
  // One key per press: a double click or a network retry reuses it, so the server adds one
  // message. It changes once the server has answered.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const check = useMemo(() => checkDraft({ ...emptyDraft(), messages: [message] }), [message]);
  const request = check.request.messages?.[0];
  const blocked = check.problemCount > 0 || request === undefined;
  const errors = { ...check.errors, ...submitError?.fieldErrors };

  const add = api.messages.add.useMutation({
    onSuccess: (result) => {
      setMessage(newMessage(message.role === "user" ? "user" : "assistant"));
      setIdempotencyKey(newIdempotencyKey());
      setAdded(result.message.id);
      onAdded();
      // The thread's Activity (server-rendered) gains a line.
      router.refresh();
    },
    onError: (error) => {
      const fieldErrors: Record<string, string> = {};
      for (const { path, message: text } of error.data?.fieldErrors ?? []) {
        const inRequest = path.replace(REQUEST_PREFIX, "");
        fieldErrors[inRequest ? `${AS_THREAD_MESSAGE}${inRequest.startsWith("[") ? "" : "."}${inRequest}` : AS_THREAD_MESSAGE] ??= text;
      }
      setSubmitError({ message: error.message, fieldErrors, outcomeUnknown: error.data?.upstream?.outcome === "UNKNOWN" });
      if (error.data) setIdempotencyKey(newIdempotencyKey());
    },
  });

  return (
    <form
      noValidate
      aria-labelledby="add-message-heading"
      data-testid="add-message-form"
      className="space-y-3 rounded-xl border border-slate-200 bg-slate-100/60 p-3 sm:p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (blocked || add.isPending) {
          const first = check.problems[0];
          if (first) focusLater(first.fieldId);
          return;
        }
        setAdded(null);
        add.mutate({ threadId, idempotencyKey, request });
      }}
    >
      <h3 id="add-message-heading" className="text-sm font-semibold text-slate-900">
        Add a message
      </h3>
      <MessageEditor
        message={message}
        index={0}
        count={1}
        errors={errors}
        rowErrors={check.rowErrors}
        onChange={(patch) => {
          setMessage({ ...message, ...patch });
          setSubmitError(null);
          setAdded(null);
        }}
        focusLater={focusLater}
      />
      {submitError && (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="add-message-error">
          <p>{submitError.message}</p>
          {submitError.outcomeUnknown && (
            <button
              type="button"
              onClick={onReload}
              className="rounded-md border border-red-300 bg-surface px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-100"
            >
              Reload messages
            </button>
          )}
        </div>
      )}
      {added && (
        <p role="status" className="text-sm text-emerald-800" data-testid="add-message-done">
          Added message <span className="break-all font-mono">{added}</span>.
        </p>
      )}
      <div className="flex flex-wrap items-center justify-end gap-3">
        {check.problemCount > 0 && (
          <p className="text-sm text-slate-600" data-testid="add-message-blocked">
            {check.problemCount === 1 ? "1 problem" : `${check.problemCount} problems`} to fix before adding.
          </p>
        )}
        <button
          type="submit"
          aria-disabled={blocked || add.isPending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
        >
          {add.isPending ? "Adding…" : "Add message"}
        </button>
      </div>
    </form>
  );
}
