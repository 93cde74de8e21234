"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Files dropped or chosen before the session is connected wait here, then upload:
 * nothing a creator drops in the first moments is lost. Returns what to call with files.
 */
export function useEarlyFiles(
  ready: boolean,
  upload: (files: File[]) => unknown,
): (files: File[]) => void {
  const early = useRef<File[]>([]);
  useEffect(() => {
    if (!ready || early.current.length === 0) return;
    upload(early.current.splice(0));
  }, [ready, upload]);
  return useCallback(
    (files: File[]) => {
      if (ready) upload(files);
      else early.current.push(...files);
    },
    [ready, upload],
  );
}
