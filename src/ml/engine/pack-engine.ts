import type { InputRecord } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';
import { BatchClient } from './batch-client';
import type {
  BatchProgress,
  BatchRow,
  Engine,
  Explanation,
  LoadProgress,
  LoadStage,
  PredictResult,
  ReverseResult,
  WhatIfCurve,
} from './engine-api';
import {
  evenlySpaced,
  explanationPlayers,
  shapley,
  syntheticBackground,
  whatIf,
  type Player,
} from './explain';
import { loadVerifiedPack, PackIntegrityError, verifyPackFiles } from './loaded-pack';
import { PackLoadError, type PackSource } from './pack-source';
import { leastDoseForTarget } from './reverse';
import { PackRuntime } from './runtime';
import {
  backendFromUrl,
  BackendUnavailableError,
  initBackend,
  type BackendName,
} from './tf-backend';
import { SHAPLEY_BACKGROUND_ROWS, WHAT_IF_POINTS } from './thresholds';
import { EngineInputError } from './validate';

export { EngineInputError };

/** The Engine contract over one loaded pack (this module pulls in TF.js: import it lazily). */
export class PackEngine implements Engine {
  readonly manifest: PackManifest;
  readonly players: Player[];
  private readonly background: InputRecord[] | undefined;
  private readonly batch: BatchClient;

  constructor(
    readonly runtime: PackRuntime,
    readonly backend: BackendName,
    files: Readonly<Record<string, Uint8Array>>,
    forcedBackend: BackendName | 'auto',
  ) {
    this.manifest = runtime.manifest;
    this.players = explanationPlayers(this.manifest, this.manifest.heads.dose);
    const golden = runtime.golden?.rows.map((r) => r.inputs);
    this.background = golden?.length ? evenlySpaced(golden, SHAPLEY_BACKGROUND_ROWS) : undefined;
    this.batch = new BatchClient({
      init: () => ({ manifest: this.manifest, files: { ...files }, backend: forcedBackend }),
      local: (records) => this.runtime.predictRows(records),
    });
  }

  predict(record: InputRecord, recent?: readonly InputRecord[]): Promise<PredictResult> {
    return this.runtime.predict(record, recent);
  }

  private assertValid(record: InputRecord): void {
    const { errors } = this.runtime.check(record);
    if (errors.length > 0) throw new EngineInputError(errors);
  }

  /** Exact Shapley values over the input groups in `players` (see explain.ts). */
  async explain(record: InputRecord): Promise<Explanation> {
    this.assertValid(record);
    const background =
      this.background ?? syntheticBackground(this.manifest, this.manifest.heads.dose, record);
    return shapley(record, this.players, background, (rows) => this.runtime.doseValues(rows));
  }

  async whatIf(record: InputRecord, input: string, points = WHAT_IF_POINTS): Promise<WhatIfCurve> {
    this.assertValid(record);
    return whatIf(this.manifest, record, input, points, (rows) => this.runtime.doseValues(rows));
  }

  async reverse(record: InputRecord, targetSettled: number): Promise<ReverseResult> {
    this.assertValid(record);
    const spec = this.runtime.doseInput;
    if (!spec || !this.runtime.pack.settled)
      throw new Error(`pack ${this.manifest.id} has no settled-turbidity head`);
    const max = spec.quantiles?.[4] ?? spec.trainingRange?.[1];
    if (max === undefined) throw new Error(`input ${spec.id} has no training p99`);
    // Search only the doses operators actually used (training p1–p99 of the applied dose).
    const min = spec.quantiles?.[0] ?? spec.trainingRange?.[0] ?? 0;
    return leastDoseForTarget(
      (doses) => this.runtime.settledAt(record, doses),
      targetSettled,
      max,
      {
        min,
      },
    );
  }

  predictBatch(
    records: readonly InputRecord[],
    onProgress?: (p: BatchProgress) => void,
    signal?: AbortSignal,
  ): Promise<BatchRow[]> {
    return this.batch.run(records, onProgress, signal);
  }

  /** Where the last batch ran: 'worker' (and its backend) or 'main-thread'. */
  get lastBatchRun() {
    return this.batch.lastRun;
  }

  dispose(): void {
    this.batch.terminate();
    this.runtime.dispose();
  }
}

/** Load stages and where each starts within the whole load (fraction 0..1). */
const STAGE_START: Record<LoadStage, number> = {
  backend: 0,
  manifest: 0.02,
  files: 0.05,
  verify: 0.8,
  models: 0.88,
  warmup: 0.95,
  ready: 1,
};

export interface CreateEngineOptions {
  backend?: BackendName | 'auto';
  onProgress?: (p: LoadProgress) => void;
}

/** Fetch, verify and load one pack, start TF.js, warm up: the heavy half of loadEngine. */
export async function createEngine(
  packId: string,
  source: PackSource,
  options: CreateEngineOptions = {},
): Promise<PackEngine> {
  const report = (stage: LoadStage, within = 0) => {
    const a = STAGE_START[stage];
    const order: LoadStage[] = [
      'backend',
      'manifest',
      'files',
      'verify',
      'models',
      'warmup',
      'ready',
    ];
    const next = order[order.indexOf(stage) + 1];
    const b = next ? STAGE_START[next] : 1;
    options.onProgress?.({ stage, fraction: a + (b - a) * Math.min(1, Math.max(0, within)) });
  };
  report('backend');
  // A forced backend (argument, else ?backend= in the page URL) holds for the batch worker too.
  const want = options.backend ?? backendFromUrl() ?? 'auto';
  // TF.js starts while the pack downloads.
  const backendPromise = initBackend({ backend: want });
  backendPromise.catch(() => undefined);

  report('manifest');
  const manifest = await source.manifest(packId);
  report('files');
  const files = await source.files(manifest, ({ loaded, total }) =>
    report('files', total > 0 ? loaded / total : 1),
  );

  let backend: BackendName;
  try {
    backend = await backendPromise;
  } catch (e) {
    throw new PackLoadError(
      'backend-unavailable',
      e instanceof BackendUnavailableError ? e.message : String(e),
    );
  }

  report('verify');
  try {
    await verifyPackFiles(manifest, files);
  } catch (e) {
    if (e instanceof PackIntegrityError) throw new PackLoadError('integrity-failed', e.message);
    throw e;
  }

  report('models');
  let runtime: PackRuntime;
  try {
    runtime = new PackRuntime(await loadVerifiedPack(manifest, files), files);
  } catch (e) {
    // Bytes matched their sha256 yet do not decode: the pack itself is malformed.
    throw new PackLoadError('manifest-invalid', e instanceof Error ? e.message : String(e));
  }

  report('warmup');
  // One prediction through both heads compiles the kernels (WebGL shaders) before the operator's.
  const row = runtime.golden?.rows[0]?.inputs;
  if (row) await runtime.heads([row]);
  const engine = new PackEngine(runtime, backend, files, want);
  report('ready', 1);
  return engine;
}
