import type { KeyboardEvent } from "react";

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at, last) => (at === last ? 0 : at + 1),
  ArrowLeft: (at, last) => (at === 0 ? last : at - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * Arrow keys, Home and End move between a tablist's tabs and select the one they reach;
 * Tab leaves the list (only the selected tab is in the tab order).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
export function tabListKeys<T extends string>(tabs: readonly T[], selected: T, select: (tab: T) => void, tabDomId: (tab: T) => string) {
  return (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const next = tabs[move(Math.max(0, tabs.indexOf(selected)), tabs.length - 1)]!;
    select(next);
    document.getElementById(tabDomId(next))?.focus();
  };
}
