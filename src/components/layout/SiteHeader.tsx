import Link from "next/link";
import { AttemptsNavLink } from "~/components/attempts/AttemptsNavLink";
import { ThemeToggle } from "~/components/theme/ThemeToggle";
import { NavLink } from "./NavLink";
import { UpstreamBanner } from "./UpstreamBanner";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-surface">
      <UpstreamBanner />
      <nav aria-label="Main" className="mx-auto flex w-full max-w-5xl items-center gap-3 px-4 py-3 sm:gap-6 sm:px-6">
        <Link href="/threads" className="text-lg font-semibold tracking-tight text-slate-900">
          Spool
        </Link>
        <div className="flex flex-1 items-center gap-3 text-sm sm:gap-4">
          <NavLink href="/threads">Threads</NavLink>
          <AttemptsNavLink />
          <NavLink href="/settings/api-keys" aria-label="API keys" className="whitespace-nowrap">
            {/* "Keys" at phone width, so the header stays on one line. */}
            <span className="sm:hidden">Keys</span>
            <span className="hidden sm:inline">API keys</span>
          </NavLink>
          <span className="ml-auto flex items-center gap-2 sm:gap-3">
            <ThemeToggle />
            <Link
              href="/threads/new"
              aria-label="New thread"
              className="whitespace-nowrap rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
            >
              {/* "New" at phone width, so the header fits 390 px with the Keys link and the theme toggle. */}
              <span className="sm:hidden">New</span>
              <span className="hidden sm:inline">New thread</span>
            </Link>
          </span>
        </div>
      </nav>
    </header>
  );
}
