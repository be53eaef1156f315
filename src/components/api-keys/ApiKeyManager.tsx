"use client";

import { useState } from "react";
import { apiKeyNameSchema } from "~/lib/api-key-name";
import { formatDate } from "~/lib/format-time";
import { api, type RouterOutputs } from "~/trpc/react";
import { NewKeyNotice } from "./NewKeyNotice";
import { RevokeKeyButton } from "./RevokeKeyButton";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

/** The team's keys, a form to make one, and each key's Revoke button. */
export function ApiKeyManager({ initialKeys }: { initialKeys: ApiKey[] }) {
  const utils = api.useUtils();
  const keys = api.apiKeys.list.useQuery(undefined, { initialData: initialKeys });
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const create = api.apiKeys.create.useMutation({
    onSuccess: async ({ key, secret }) => {
      setCreated({ name: key.name, secret });
      setName("");
      setTouched(false);
      await utils.apiKeys.list.invalidate();
    },
  });

  const parsed = apiKeyNameSchema.safeParse(name);
  const nameError = touched && !parsed.success ? parsed.error.issues[0]!.message : null;

  return (
    <div className="space-y-6">
      <form
        aria-label="Create an API key"
        className="rounded-xl border border-slate-200 bg-surface p-4 shadow-sm sm:p-5"
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (parsed.success) create.mutate({ name: parsed.data });
        }}
      >
        <label htmlFor="api-key-name" className="block text-sm font-medium text-slate-800">
          New key for a service
        </label>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <input
            id="api-key-name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => setTouched(name !== "")}
            placeholder="billing-bot"
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby="api-key-name-help"
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm sm:max-w-sm"
          />
          <button
            type="submit"
            disabled={create.isPending}
            className="whitespace-nowrap rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
          >
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </div>
        <p id="api-key-name-help" className={`mt-2 text-sm ${nameError || create.error ? "text-red-700" : "text-slate-500"}`} role={nameError || create.error ? "alert" : undefined}>
          {nameError ?? create.error?.message ?? "Letters, digits, '.', '_' and '-'. Threads the key creates show this name as their creator."}
        </p>
      </form>

      {created && <NewKeyNotice name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}

      {keys.isError ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-800">
          <p className="font-medium">Keys could not be loaded.</p>
          <p className="mt-1">{keys.error.message}</p>
          <button type="button" onClick={() => void keys.refetch()} className="mt-3 rounded-md border border-red-300 bg-surface px-3 py-1.5 font-medium hover:bg-red-100">
            Try again
          </button>
        </div>
      ) : keys.data.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-surface p-10 text-center">
          <h2 className="text-base font-semibold">No keys yet</h2>
          <p className="mt-1 text-sm text-slate-600">
            Create one above, or run <code className="font-mono">npm run keys -- create &lt;name&gt;</code> on the server.
          </p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-surface shadow-sm" data-testid="api-key-list">
          {keys.data.map((key) => (
            <li key={key.id} data-testid="api-key" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="break-all font-mono text-sm font-semibold text-slate-900">{key.name}</span>
                  <span className="font-mono text-xs text-slate-500">{key.prefix}…</span>
                  {key.revokedAt && <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700">Revoked</span>}
                </p>
                <p className="text-xs text-slate-500">
                  Created {formatDate(key.createdAt)}
                  {key.createdBy && ` by ${key.createdBy}`} · Last used {key.lastUsedAt ? formatDate(key.lastUsedAt) : "never"}
                  {key.revokedAt && ` · Revoked ${formatDate(key.revokedAt)}${key.revokedBy ? ` by ${key.revokedBy}` : ""}`}
                </p>
              </div>
              {!key.revokedAt && <RevokeKeyButton name={key.name} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
