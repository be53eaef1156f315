"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Rows the keyboard moves between carry this attribute. */
export const LIST_ROW_ATTRIBUTE = "data-list-row";

/**
 * The list's keys, as in the tools people already use: `/` focuses search, `j`/`k` move
 * between rows (Enter opens the focused one, as any link does), `c` composes. Ignored
 * while typing in a field or with a modifier held.
 */
export function useListKeys(searchFieldId: string) {
  const router = useRouter();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], [role=dialog]")) return;
      if (event.key === "/") {
        event.preventDefault();
        document.getElementById(searchFieldId)?.focus();
      } else if (event.key === "c") {
        event.preventDefault();
        router.push("/threads/new");
      } else if (event.key === "j" || event.key === "k") {
        const rows = [...document.querySelectorAll<HTMLElement>(`[${LIST_ROW_ATTRIBUTE}]`)];
        if (rows.length === 0) return;
        event.preventDefault();
        const at = rows.indexOf(document.activeElement as HTMLElement);
        const next = at < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, at + (event.key === "j" ? 1 : -1)));
        rows[next]!.focus();
        rows[next]!.scrollIntoView({ block: "nearest" });
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router, searchFieldId]);
}
