import type * as EngineEntry from '../../../ml/engine/engine';

/**
 * The engine's entry module, imported on demand (as Operate does): the Models list draws before
 * TF.js is fetched. engine.ts is light; it imports TF.js itself on the first loadEngine.
 */
export type EngineModule = typeof EngineEntry;

let module: Promise<EngineModule> | undefined;

export function engineModule(): Promise<EngineModule> {
  const p = (module ??= import('../../../ml/engine/engine'));
  p.catch(() => {
    if (module === p) module = undefined;
  });
  return p;
}
