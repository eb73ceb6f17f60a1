import type { InputRecord } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';
import type { TrainingMapping } from '../../domain/training-mapping';
import type { BatchRow, PredictResult } from '../../ml/engine/engine-api';
import type { TrainedPackFiles } from '../../ml/training/browser/train-protocol';
import { packRepository } from '../../store/local-packs-slice';
import { packSourceFor } from '../../store/pack-sources';

/**
 * e2e and bench hook. Only when the page URL has `?test` (e.g. `/dosis-coagulante/?test#/modelos`)
 * the Models area puts `window.__modelsTest` on the page: the last pack the wizard trained (its
 * manifest, for the CLI-parity check), batch prediction through the same pack resolution Operate
 * uses (`packSourceFor`), the pack ids stored in IndexedDB (what a reload would see), and a
 * training benchmark on generated data. Without `?test` nothing is installed.
 */
export interface ModelsTestHook {
  lastTrained: { manifest: PackManifest; seconds: number; backend: string } | null;
  /** Engine.predictBatch for a pack id (local or shipped), as batch prediction runs it. */
  predictBatch(packId: string, records: readonly InputRecord[]): Promise<BatchRow[]>;
  predict(packId: string, record: InputRecord): Promise<PredictResult>;
  /** Pack ids in IndexedDB, read from the database, not from the store. */
  storedPackIds(): Promise<string[]>;
  /** Train on `rows` generated rows × `features` inputs in the training worker. */
  benchTrain(
    rows: number,
    features: number,
    budget: TrainingMapping['budget'],
  ): Promise<{
    ok: boolean;
    seconds: number;
    wallSeconds: number;
    backend: string;
    detail: string;
    /** Seconds per `stage: member` from the progress messages (where the time goes). */
    breakdown: Record<string, number>;
  }>;
}

declare global {
  interface Window {
    __modelsTest?: ModelsTestHook;
  }
}

export function testHookEnabled(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('test');
}

/** Called by the wizard after each successful training run (no-op without the hook). */
export function noteTrained(pack: TrainedPackFiles): void {
  if (typeof window !== 'undefined' && window.__modelsTest)
    window.__modelsTest.lastTrained = {
      manifest: pack.manifest,
      seconds: pack.seconds,
      backend: pack.backend,
    };
}

export function installTestHook(): void {
  if (!testHookEnabled() || window.__modelsTest) return;
  const engineFor = async (packId: string) => {
    const { loadEngine } = await import('../../ml/engine/engine');
    return loadEngine(packId, undefined, { source: await packSourceFor(packId) });
  };
  window.__modelsTest = {
    lastTrained: null,
    async predictBatch(packId, records) {
      return (await engineFor(packId)).predictBatch(records);
    },
    async predict(packId, record) {
      return (await engineFor(packId)).predict(record);
    },
    async storedPackIds() {
      return (await packRepository().listMeta()).map((m) => m.id);
    },
    async benchTrain(rows, features, budget) {
      const { benchColumns, benchMapping } = await import('./bench-data');
      const { trainPackInWorker } = await import('../../ml/training/browser/train-client');
      const t0 = performance.now();
      const breakdown: Record<string, number> = {};
      let last = { key: '', at: t0 };
      const res = await trainPackInWorker(
        benchColumns(rows, features),
        benchMapping(features, budget),
        (p) => {
          const now = performance.now();
          if (last.key) breakdown[last.key] = (breakdown[last.key] ?? 0) + (now - last.at) / 1000;
          last = { key: `${p.stage}: ${p.message.split(':')[0]}`, at: now };
        },
      );
      const wallSeconds = (performance.now() - t0) / 1000;
      if (res.ok)
        return {
          ok: true,
          seconds: res.pack.seconds,
          wallSeconds,
          backend: res.pack.backend,
          detail: `${res.pack.manifest.dataSource.rows} rows`,
          breakdown,
        };
      return {
        ok: false,
        seconds: NaN,
        wallSeconds,
        backend: '',
        detail: 'problems' in res ? JSON.stringify(res.problems) : res.error,
        breakdown,
      };
    },
  };
}
