"use client";

import { useEffect, useRef } from "react";

/**
 * Moves keyboard focus to an element once the next render has put it on the page: after
 * "Add message" the new message's text box, after "Move up" the same button in its new place.
 */
export function useFocusLater() {
  const target = useRef<string | null>(null);
  useEffect(() => {
    if (!target.current) return;
    document.getElementById(target.current)?.focus();
    target.current = null;
  });
  return (id: string) => {
    target.current = id;
  };
}
