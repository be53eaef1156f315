import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyLinkButton } from "~/components/threads/CopyLinkButton";
import { DeleteThreadButton } from "~/components/threads/DeleteThreadButton";
import { Conversation } from "~/components/threads/conversation/Conversation";
import { RawJson } from "~/components/threads/RawJson";
import { RefreshFromUpstream } from "~/components/threads/RefreshFromUpstream";
import { ThreadActivity } from "~/components/threads/ThreadActivity";
import { ThreadMetadataSection } from "~/components/threads/ThreadMetadataSection";
import { ToolResourcesView } from "~/components/threads/ToolResourcesView";
import { formatDate, formatUnixSeconds } from "~/lib/format-time";
import { isRefused, serverFaultPage } from "~/trpc/page-errors";
import { api } from "~/trpc/server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).id };
}

export default async function ThreadPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { already } = await searchParams;
  let thread;
  try {
    thread = await api.threads.byId({ id });
  } catch (error) {
    if (isRefused(error, "NOT_FOUND", "BAD_REQUEST")) notFound();
    return serverFaultPage(error);
  }
  const imported = thread.origin === "IMPORTED";
  const deleted = thread.deletedAt !== null;

  return (
    <div className="space-y-8">
      <header className="space-y-4">
        <Link href="/threads" className="inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900">
          <span aria-hidden>←</span> All threads
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
              Thread
              {imported && <Tag tone="sky">Imported</Tag>}
              {deleted && <Tag tone="red">Deleted</Tag>}
            </p>
            <h1 className="break-all font-mono text-xl font-semibold sm:text-2xl" data-testid="thread-id">
              {thread.id}
            </h1>
          </div>
          <div className="flex flex-wrap items-center gap-2" data-testid="thread-actions">
            {thread.request !== null && (
              <Link
                href={`/threads/new?from=${encodeURIComponent(thread.id)}`}
                className="rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                Duplicate as new
              </Link>
            )}
            <CopyLinkButton path={`/threads/${thread.id}`} />
            <RefreshFromUpstream threadId={thread.id} />
            {!deleted && <DeleteThreadButton threadId={thread.id} />}
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-surface p-4 text-sm shadow-sm sm:grid-cols-4">
          <Fact term="Created upstream">
            <time dateTime={new Date(thread.createdAt * 1000).toISOString()}>{formatUnixSeconds(thread.createdAt)}</time>
          </Fact>
          <Fact term={imported ? "Imported" : "Recorded"}>
            <time dateTime={thread.recordedAt.toISOString()}>{formatDate(thread.recordedAt)}</time>
          </Fact>
          <Fact term="Created by">{thread.createdBy ?? <span className="text-slate-500">{imported ? "unknown (created elsewhere)" : "not known"}</span>}</Fact>
          <Fact term="Messages">
            {thread.messageCount ?? <span className="text-slate-500">not counted yet</span>}
            {!imported && thread.messages.length > 0 && (
              <span className="block text-xs text-slate-500">{thread.messages.length} sent by Spool at creation</span>
            )}
          </Fact>
        </dl>
        {already && (
          <p role="status" className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
            Spool already had this thread; nothing was imported.
          </p>
        )}
        {deleted && (
          <p role="status" data-testid="deleted-notice" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            Deleted upstream on {formatDate(thread.deletedAt!)}. Spool keeps this record; it leaves the thread list unless you filter for
            deleted threads.
          </p>
        )}
      </header>

      <ThreadMetadataSection threadId={thread.id} metadata={thread.metadata as Record<string, string>} editable={!deleted} />

      <section aria-labelledby="messages-heading" className="space-y-3">
        <h2 id="messages-heading" className="text-base font-semibold">
          Messages
        </h2>
        <Conversation threadId={thread.id} canAdd={!deleted} />
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="tools-heading" className="space-y-3">
          <h2 id="tools-heading" className="text-base font-semibold">
            Tool resources
          </h2>
          <div className="rounded-xl border border-slate-200 bg-surface p-4 shadow-sm">
            <ToolResourcesView toolResources={thread.toolResources} />
          </div>
        </section>
        <section aria-labelledby="activity-heading" className="space-y-3">
          <h2 id="activity-heading" className="text-base font-semibold">
            Activity
          </h2>
          <div className="rounded-xl border border-slate-200 bg-surface p-4 shadow-sm">
            <ThreadActivity events={thread.events} />
          </div>
        </section>
      </div>

      <section aria-labelledby="raw-heading" className="space-y-3">
        <h2 id="raw-heading" className="text-base font-semibold">
          Raw JSON
        </h2>
        {thread.request === null ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-surface p-4 text-sm text-slate-600">
            Request unknown: this thread was created outside Spool.
          </p>
        ) : (
          <RawJson title="Request sent upstream" value={thread.request} testId="raw-request" />
        )}
        <RawJson title="Upstream response (as last retrieved)" value={thread.response} testId="raw-response" />
      </section>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Tag({ tone, children }: { tone: "sky" | "red"; children: React.ReactNode }) {
  const colours = tone === "red" ? "bg-red-50 text-red-700 ring-red-200" : "bg-sky-50 text-sky-700 ring-sky-200";
  return <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide ring-1 ${colours}`}>{children}</span>;
}
