"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A navigation link that marks itself as the current page (a thread counts as "Threads"). */
export function NavLink({
  href,
  children,
  className = "",
  "aria-label": ariaLabel,
}: {
  href: string;
  children: React.ReactNode;
  className?: string;
  "aria-label"?: string;
}) {
  const pathname = usePathname();
  const current = pathname === href || (href === "/threads" && pathname.startsWith("/threads/") && pathname !== "/threads/new");
  return (
    <Link
      href={href}
      aria-label={ariaLabel}
      aria-current={current ? "page" : undefined}
      className={`inline-flex items-center gap-1.5 border-b-2 py-1 ${
        current ? "border-indigo-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"
      } ${className}`}
    >
      {children}
    </Link>
  );
}
