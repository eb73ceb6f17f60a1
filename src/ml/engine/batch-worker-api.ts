import { transfer } from 'comlink';
import type { InputRecord } from '../../domain/input-record';
import { encodedBuffers, encodeRows, type BatchInit, type BatchWorkerApi } from './batch-protocol';
import { loadPack } from './loaded-pack';
import { PackRuntime } from './runtime';
import { initBackend } from './tf-backend';

/** What batch.worker.ts exposes: one pack, loaded once, chunks on request. */
export function createBatchWorkerApi(): BatchWorkerApi {
  let runtime: PackRuntime | undefined;
  return {
    async init({ manifest, files, backend }: BatchInit) {
      const name = await initBackend({ backend });
      runtime?.dispose();
      runtime = new PackRuntime(await loadPack(manifest, files), files);
      return name;
    },
    async predictChunk(records: InputRecord[]) {
      if (!runtime) throw new Error('batch worker: init first');
      const enc = encodeRows(await runtime.predictRows(records));
      return transfer(enc, encodedBuffers(enc));
    },
  };
}
