import { useEffect, useState } from 'react';

/**
 * Runs `run` whenever `key` changes (null: nothing to run) and keeps the latest result. A result
 * that arrives after the key changed is dropped, so a slow old computation never overwrites a
 * newer one.
 */
export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; value: T }
  | { status: 'error'; error: unknown };

export function useAsync<T>(key: string | null, run: () => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<{ key: string | null; state: AsyncState<T> }>({
    key: null,
    state: { status: 'idle' },
  });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState({ key, state: { status: 'running' } });
    run().then(
      (value) => live && setState({ key, state: { status: 'done', value } }),
      (error: unknown) => live && setState({ key, state: { status: 'error', error } }),
    );
    return () => {
      live = false;
    };
    // `run` is a fresh closure on every render; the key says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (key === null) return { status: 'idle' };
  return state.key === key ? state.state : { status: 'running' };
}
