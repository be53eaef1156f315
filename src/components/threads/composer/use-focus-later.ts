"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * Moves keyboard focus to an element once the next render has put it on the page: after
 * "Add message" the new message's text box, after "Move up" the same button in its new place.
 * Asking always renders again, so focus moves even when nothing else on the page changes
 * (a "Fix this problem" link whose field is already shown).
 */
export function useFocusLater() {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return useCallback((id: string) => setTarget({ id }), []);
}
