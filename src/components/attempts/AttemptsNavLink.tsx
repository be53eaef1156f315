import "server-only";
import { NavLink } from "~/components/layout/NavLink";
import { api } from "~/trpc/server";

/** "Attempts", with how many wait for someone to act; just the link when that cannot be counted. */
export async function AttemptsNavLink() {
  const count = await api.attempts.count().catch(() => 0);
  return (
    <NavLink href="/attempts">
      Attempts
      {count > 0 && (
        <span
          aria-label={`${count} to act on`}
          data-testid="attempts-count"
          className="rounded-full bg-amber-100 px-1.5 py-0.5 text-xs font-semibold leading-none text-amber-900"
        >
          {count}
        </span>
      )}
    </NavLink>
  );
}
