import type { Metadata } from "next";
import { ApiKeyManager } from "~/components/api-keys/ApiKeyManager";
import { serverFaultPage } from "~/trpc/page-errors";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  let keys;
  try {
    keys = await api.apiKeys.list();
  } catch (error) {
    return serverFaultPage(error);
  }
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          One key per service. A service that sets its SDK&apos;s base URL to this Spool&apos;s <code className="font-mono">/v1</code>{" "}
          and its API key to a Spool key has every thread it creates recorded here, with the key&apos;s name as its creator.
          Spool keeps only a hash of each key; a revoked key stops working at once.
        </p>
      </header>
      <ApiKeyManager initialKeys={keys} />
    </div>
  );
}
