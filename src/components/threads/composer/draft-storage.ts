// An unfinished draft survives a reload: it is kept in this browser's localStorage.
import type { Draft } from "./draft";

export type SavedComposer = {
  draft: Draft;
  /** The JSON text, when JSON mode is the source of the request; null when the form is. */
  json: string | null;
};

const KEY = "spool.composer.draft.v1";

function isSaved(value: unknown): value is SavedComposer {
  if (typeof value !== "object" || value === null) return false;
  const { draft, json } = value as Partial<SavedComposer>;
  return (
    typeof draft === "object" &&
    draft !== null &&
    Array.isArray(draft.messages) &&
    Array.isArray(draft.metadata) &&
    Array.isArray(draft.codeInterpreterFileIds) &&
    typeof draft.fileSearch === "object" &&
    (json === null || typeof json === "string")
  );
}

/** The saved draft, or null (none, unreadable, or storage unavailable). */
export function loadDraft(): SavedComposer | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return isSaved(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveDraft(saved: SavedComposer): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Storage full or disabled (private mode): the draft just does not outlive the tab.
  }
}

export function clearDraft(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
