"use client";

import { useCallback, useEffect, useState } from "react";
import { isLenientReaderLoaded, loadLenientReader, parseRequestText } from "./request-text";

/**
 * parseRequestText, with JSON5 loaded once JSON mode is open. The function changes once JSON5
 * has loaded, so text read as pending before is read again.
 */
export function useRequestTextReader(needed: boolean): typeof parseRequestText {
  const [loaded, setLoaded] = useState(isLenientReaderLoaded);
  useEffect(() => {
    if (needed && !loaded) void loadLenientReader().then(() => setLoaded(true));
  }, [needed, loaded]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `loaded` is the point: a new reader once JSON5 is there.
  return useCallback((text: string) => parseRequestText(text), [loaded]);
}
