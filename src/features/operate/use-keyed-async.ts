import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface KeyedAsync<T> {
  /** The latest finished run's value (kept while a newer run is pending). */
  value: T | undefined;
  /** Key of `value`. */
  valueKey: string | null;
  /** The latest finished run failed. */
  failed: boolean;
  /** A run for the current key has not finished yet. */
  pending: boolean;
}

/**
 * Runs `run` after `delayMs` whenever `key` changes (null: do nothing), ignoring results of
 * superseded runs: live recomputation as the operator types, without racing answers.
 * `run` is read from a ref, so it may close over the current render's values.
 */
export function useKeyedAsync<T>(
  key: string | null,
  run: () => Promise<T>,
  delayMs: number,
): KeyedAsync<T> {
  const runRef = useRef(run);
  useLayoutEffect(() => {
    runRef.current = run;
  });
  const [done, setDone] = useState<{ key: string; value?: T; failed: boolean } | null>(null);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => {
      runRef.current().then(
        (value) => {
          if (live) setDone({ key, value, failed: false });
        },
        () => {
          if (live) setDone({ key, failed: true });
        },
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  return {
    value: done?.value,
    valueKey: done?.key ?? null,
    failed: done !== null && done.key === key && done.failed,
    pending: key !== null && done?.key !== key,
  };
}
