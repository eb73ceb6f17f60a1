import type * as EngineEntry from '../../ml/engine/engine';
import type { LoadErrorCode } from '../../ml/engine/engine-api';

/**
 * The engine's entry module, imported on demand: the Operate screen renders (and the operator
 * can start typing) before TF.js and the model pack are fetched. engine.ts is light; it imports
 * the heavy half (TF.js, trees) itself on first `loadEngine`.
 */
export type EngineModule = typeof EngineEntry;

let module: Promise<EngineModule> | undefined;

export function engineModule(): Promise<EngineModule> {
  const p = (module ??= import('../../ml/engine/engine'));
  p.catch(() => {
    if (module === p) module = undefined;
  });
  return p;
}

const LOAD_ERROR_CODES: readonly LoadErrorCode[] = [
  'pack-not-found',
  'manifest-invalid',
  'unknown-schema-version',
  'integrity-failed',
  'backend-unavailable',
  'network',
];

/** A load failure as a code the UI translates ('unknown' for anything unexpected). */
export function loadErrorCode(error: unknown): LoadErrorCode | 'unknown' {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (LOAD_ERROR_CODES as readonly string[]).includes(code)
    ? (code as LoadErrorCode)
    : // A failed dynamic import of the engine chunk is a download problem.
      error instanceof TypeError
      ? 'network'
      : 'unknown';
}
