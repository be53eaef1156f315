import { formatDate } from "~/lib/format-time";
import { ChangeValues } from "./RefreshFromUpstream";

type Event = { id: bigint; kind: string; actor: string | null; detail: unknown; at: Date };
type Change = { field: string; before: unknown; after: unknown };

const LABELS: Record<string, string> = {
  CREATED: "Created",
  IMPORTED: "Imported by id",
  METADATA_CHANGED: "Metadata changed",
  DELETED: "Deleted upstream",
  REFRESHED: "Refreshed from upstream",
  MESSAGE_ADDED: "Message added",
};

const DOTS: Record<string, string> = {
  CREATED: "bg-emerald-500",
  IMPORTED: "bg-sky-500",
  METADATA_CHANGED: "bg-indigo-500",
  DELETED: "bg-red-500",
  REFRESHED: "bg-slate-400",
  MESSAGE_ADDED: "bg-violet-500",
};

/** The thread's history, newest first: what happened, who did it (when known) and when. */
export function ThreadActivity({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">No recorded activity.</p>;
  return (
    <ol className="space-y-4" data-testid="activity">
      {events.map((event) => (
        <li key={String(event.id)} className="relative flex gap-3">
          <span aria-hidden className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${DOTS[event.kind] ?? "bg-slate-400"}`} />
          <div className="min-w-0 text-sm">
            <p>
              <span className="font-medium text-slate-900">{LABELS[event.kind] ?? event.kind}</span>
              {event.actor && <span className="text-slate-600"> by {event.actor}</span>}
            </p>
            <time dateTime={event.at.toISOString()} className="text-xs text-slate-500">
              {formatDate(event.at)}
            </time>
            <EventDetail kind={event.kind} detail={event.detail} />
          </div>
        </li>
      ))}
    </ol>
  );
}

function EventDetail({ kind, detail }: { kind: string; detail: unknown }) {
  const changes = changesOf(kind, detail);
  if (kind === "REFRESHED" && (detail as { missing?: boolean } | null)?.missing) {
    return <p className="mt-1 text-xs text-amber-800">The upstream no longer had this thread.</p>;
  }
  if (kind === "MESSAGE_ADDED") {
    const { messageId, role, via } = (detail ?? {}) as { messageId?: string; role?: string; via?: string };
    return (
      <p className="mt-1 break-all text-xs text-slate-600">
        {role ?? "A"} message <span className="font-mono">{messageId ?? "(unknown id)"}</span>
        {via === "gateway" ? " through the /v1 gateway" : ""}
      </p>
    );
  }
  if (kind === "REFRESHED" && changes.length === 0) return <p className="mt-1 text-xs text-slate-500">No changes.</p>;
  if (changes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5">
      {changes.map((change) => (
        <li key={change.field} className="break-all font-mono text-xs">
          <span className="text-slate-500">{change.field}</span> <ChangeValues before={change.before} after={change.after} />
        </li>
      ))}
    </ul>
  );
}

function changesOf(kind: string, detail: unknown): Change[] {
  if (!detail || typeof detail !== "object") return [];
  if (kind === "REFRESHED") return ((detail as { changes?: Change[] }).changes ?? []) as Change[];
  if (kind === "METADATA_CHANGED") {
    const { before = {}, after = {} } = detail as { before?: Record<string, string>; after?: Record<string, string> };
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .filter((key) => before[key] !== after[key])
      .map((key) => ({ field: key, before: before[key] ?? null, after: after[key] ?? null }));
  }
  return [];
}
