import type { InputRecord } from '../../domain/input-record';
import type { PredictResult } from '../../ml/engine/engine-api';
import { packSourceFor } from '../../store/pack-sources';
import { engineModule } from './engine-loader';

/**
 * e2e hook. Only when the page URL has `?test` (e.g. `/dosis-coagulante/?test#/operar`), the
 * Operate screen puts `window.__dosisTest` on the page, so a Playwright test can ask the very
 * engine instance the screen uses (loadEngine is memoised per pack) for the dose of a record it
 * builds itself, and compare it with the number on screen. It exposes no state-changing call.
 * Without `?test` nothing is installed.
 */
export interface DosisTestHook {
  predict(
    packId: string,
    record: InputRecord,
    recent?: readonly InputRecord[],
  ): Promise<PredictResult>;
  /** The record (and recent reports) the screen last sent to the engine. */
  lastRequest: { record: InputRecord; recent: readonly InputRecord[] } | null;
}

declare global {
  interface Window {
    __dosisTest?: DosisTestHook;
  }
}

export function testHookEnabled(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('test');
}

export function installTestHook(): void {
  if (!testHookEnabled() || window.__dosisTest) return;
  window.__dosisTest = {
    async predict(packId, record, recent) {
      const [m, source] = await Promise.all([engineModule(), packSourceFor(packId)]);
      const engine = await m.loadEngine(packId, undefined, { source });
      return engine.predict(record, recent);
    },
    lastRequest: null,
  };
}

export function noteRequest(record: InputRecord, recent: readonly InputRecord[]): void {
  if (window.__dosisTest) window.__dosisTest.lastRequest = { record, recent };
}
