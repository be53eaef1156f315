"use client";

import { useEffect, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";

const isDark = () => document.documentElement.classList.contains("dark");
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function apply(dark: boolean) {
  document.documentElement.classList.toggle("dark", dark);
  for (const listener of listeners) listener();
}

/** Light or dark, remembered in this browser; until it is pressed, the system setting rules. */
export function ThemeToggle() {
  // The server cannot know; the inline script has already set the class before hydration.
  const dark = useSyncExternalStore(subscribe, isDark, () => false);

  useEffect(() => {
    const system = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => {
      if (localStorage.getItem(THEME_STORAGE_KEY) === null) apply(system.matches);
    };
    // A not-found page is rendered without the <head> script's effect (its markup comes
    // from the RSC payload, where an inline script never runs): set the class here too.
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    const wanted = stored === "dark" || (stored !== "light" && system.matches);
    if (wanted !== isDark()) apply(wanted);
    system.addEventListener("change", follow);
    return () => system.removeEventListener("change", follow);
  }, []);

  return (
    <button
      type="button"
      aria-pressed={dark}
      aria-label="Dark mode"
      title={dark ? "Switch to light mode" : "Switch to dark mode"}
      onClick={() => {
        localStorage.setItem(THEME_STORAGE_KEY, dark ? "light" : "dark");
        apply(!dark);
      }}
      className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
        {dark ? (
          <path d="M10 2a1 1 0 0 1 1 1v1a1 1 0 1 1-2 0V3a1 1 0 0 1 1-1Zm0 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm7-4a1 1 0 0 1-1 1h-1a1 1 0 1 1 0-2h1a1 1 0 0 1 1 1ZM5 10a1 1 0 0 1-1 1H3a1 1 0 1 1 0-2h1a1 1 0 0 1 1 1Zm5 5a1 1 0 0 1 1 1v1a1 1 0 1 1-2 0v-1a1 1 0 0 1 1-1Zm5.66-9.66a1 1 0 0 1 0 1.42l-.7.7a1 1 0 1 1-1.42-1.42l.7-.7a1 1 0 0 1 1.42 0ZM6.46 13.54a1 1 0 0 1 0 1.42l-.7.7a1 1 0 1 1-1.42-1.42l.7-.7a1 1 0 0 1 1.42 0Zm9.2 2.12a1 1 0 0 1-1.42 0l-.7-.7a1 1 0 1 1 1.42-1.42l.7.7a1 1 0 0 1 0 1.42ZM6.46 6.46a1 1 0 0 1-1.42 0l-.7-.7a1 1 0 0 1 1.42-1.42l.7.7a1 1 0 0 1 0 1.42Z" />
        ) : (
          <path
            fillRule="evenodd"
            clipRule="evenodd"
            d="M7.455 2.004a.75.75 0 0 1 .26.77 7 7 0 0 0 9.958 7.967.75.75 0 0 1 1.067.853A8.5 8.5 0 1 1 6.647 1.921a.75.75 0 0 1 .808.083Z"
          />
        )}
      </svg>
    </button>
  );
}
