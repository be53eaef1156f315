export function ServerFault({ reason, digest }: { reason: "database" | "unknown"; digest?: string }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-red-200 bg-surface p-8 text-center">
      <h1 className="text-xl font-semibold text-red-800">
        {reason === "database" ? "Spool's database is unreachable" : "Something went wrong"}
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        {reason === "database"
          ? "Spool could not reach its PostgreSQL database. Check that it is running, then reload this page."
          : "Spool could not show this page. Reload to try again; the server log has the details."}
      </p>
      {digest && <p className="mt-3 font-mono text-xs text-slate-500">Reference: {digest}</p>}
    </div>
  );
}
