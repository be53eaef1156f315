import "server-only";
import { InvalidEnvironmentError } from "~/config/env-schema";
import { serverEnv } from "~/server/env";

/** Says which Assistants server threads are created on, so nobody mistakes the emulator for production. */
export function UpstreamBanner() {
  let env;
  try {
    env = serverEnv();
  } catch (error) {
    const detail = error instanceof InvalidEnvironmentError ? error.message.replace(/^Invalid environment:\n/, "") : "";
    return (
      <div role="alert" className="bg-red-600 px-4 py-2 text-center text-sm text-white">
        Spool is not configured: {detail || "see the server log"}
      </div>
    );
  }
  if (env.SPOOL_UPSTREAM === "emulator") {
    return (
      <div role="status" data-testid="upstream-banner" className="truncate bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
        <strong className="font-semibold">Emulator mode:</strong>{" "}
        {/* One line on a phone; the whole explanation where there is room. */}
        <span className="sm:hidden">not a real upstream.</span>
        <span className="hidden sm:inline">
          threads are created on Spool&apos;s built-in Assistants emulator, not a real upstream. Set{" "}
          <code className="font-mono">OPENAI_API_KEY</code> and <code className="font-mono">OPENAI_BASE_URL</code> to use one.
        </span>
      </div>
    );
  }
  return (
    <div role="status" data-testid="upstream-banner" className="bg-slate-800 px-4 py-1.5 text-center text-xs text-slate-200">
      Upstream: <span className="font-mono">{new URL(env.OPENAI_BASE_URL).host}</span>
    </div>
  );
}
