import { useEffect, useState } from 'react';
import type { Engine, LoadErrorCode, LoadProgress } from '../../ml/engine/engine-api';
import { packSourceFor } from '../../store/pack-sources';
import { engineModule, loadErrorCode } from './engine-loader';

export type EngineState =
  | { status: 'loading'; packId: string; progress: LoadProgress | null }
  | { status: 'ready'; packId: string; engine: Engine }
  | { status: 'error'; packId: string; code: LoadErrorCode | 'unknown' };

/**
 * The engine for a pack (local or shipped), loaded lazily, with its load progress. loadEngine is memoised per pack,
 * so coming back to the screen (or React's dev double-mount) reuses the loaded engine.
 * `retry()` loads again after a failure (failed loads are not cached by the engine).
 */
export function useEngine(packId: string): { state: EngineState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<EngineState>({ status: 'loading', packId, progress: null });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading', packId, progress: null });
    // A pack kept on this device (Models area) or one the site ships.
    Promise.all([engineModule(), packSourceFor(packId)])
      .then(([m, source]) =>
        m.loadEngine(
          packId,
          (progress) => {
            if (live) setState({ status: 'loading', packId, progress });
          },
          { source },
        ),
      )
      .then(
        (engine) => {
          if (live) setState({ status: 'ready', packId, engine });
        },
        (error: unknown) => {
          if (live) setState({ status: 'error', packId, code: loadErrorCode(error) });
        },
      );
    return () => {
      live = false;
    };
  }, [packId, attempt]);

  // A pack change renders once with the old state before the effect runs: never show it.
  const current: EngineState =
    state.packId === packId ? state : { status: 'loading', packId, progress: null };
  return { state: current, retry: () => setAttempt((a) => a + 1) };
}
