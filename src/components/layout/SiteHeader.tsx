import Link from "next/link";
import { AttemptsNavLink } from "~/components/attempts/AttemptsNavLink";
import { ThemeToggle } from "~/components/theme/ThemeToggle";
import { NavLink } from "./NavLink";
import { UpstreamBanner } from "./UpstreamBanner";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-surface">
      <UpstreamBanner />
      {/* On a phone the page links take a second row, so nothing is squeezed or scrolls sideways
          whatever the Attempts count; from `sm` it is one row. */}
      <nav
        aria-label="Main"
        className="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-4 pb-1 pt-3 sm:flex-nowrap sm:gap-6 sm:px-6 sm:py-3"
      >
        <Link href="/threads" className="text-lg font-semibold tracking-tight text-slate-900">
          Spool
        </Link>
        <div className="order-last flex w-full items-center gap-5 text-sm sm:order-none sm:w-auto sm:flex-1 sm:gap-4">
          <NavLink href="/threads">Threads</NavLink>
          <AttemptsNavLink />
          <NavLink href="/settings/api-keys" className="whitespace-nowrap">
            API keys
          </NavLink>
        </div>
        <span className="ml-auto flex items-center gap-2 text-sm sm:gap-3">
          <ThemeToggle />
          <Link
            href="/threads/new"
            className="whitespace-nowrap rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
          >
            New thread
          </Link>
        </span>
      </nav>
    </header>
  );
}
