"use client";

import type { KeyboardEvent } from "react";

type Tab<T extends string> = { id: T; label: string };

type Props<T extends string> = {
  /** What the tabs choose between, read out with the list. */
  label: string;
  tabs: readonly Tab<T>[];
  selected: T;
  onSelect: (tab: T) => void;
  /** Each tab's DOM id is `${idPrefix}-${tab}`, so arrow keys can move focus to it. */
  idPrefix: string;
  /** The id of the panel the tabs control. */
  panelId: string;
  className: string;
  tabClassName: (selected: boolean) => string;
};

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at, last) => (at === last ? 0 : at + 1),
  ArrowLeft: (at, last) => (at === 0 ? last : at - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * The ARIA tabs pattern, written once for the composer's views and the code samples' languages:
 * arrow keys, Home and End move between tabs and select the one they reach; Tab leaves the
 * list, because only the selected tab is in the tab order.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
export function TabList<T extends string>({ label, tabs, selected, onSelect, idPrefix, panelId, className, tabClassName }: Props<T>) {
  const domId = (tab: T) => `${idPrefix}-${tab}`;
  const onKeyDown = (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const ids = tabs.map((tab) => tab.id);
    const next = ids[move(Math.max(0, ids.indexOf(selected)), ids.length - 1)]!;
    onSelect(next);
    document.getElementById(domId(next))?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={domId(tab.id)}
          aria-selected={tab.id === selected}
          tabIndex={tab.id === selected ? 0 : -1}
          aria-controls={panelId}
          onClick={() => onSelect(tab.id)}
          className={tabClassName(tab.id === selected)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
