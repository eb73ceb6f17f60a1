import type { PackManifest } from '../../../domain/pack-manifest';
import type { TrainingMapping } from '../../../domain/training-mapping';
import type { MappingProblem, SourceColumn } from '../mapped-dataset';
import type { TrainingProgress } from '../progress';

/** Messages between the page and the training worker (comlink). */
export interface TrainedPackFiles {
  manifest: PackManifest;
  /** Every pack file except manifest.json, by relative path. */
  files: Record<string, Uint8Array>;
  /** MODEL_CARD.md text. */
  card: string;
  /** Seconds spent training (wall clock, in the worker). */
  seconds: number;
  /** TF.js backend the worker trained on. */
  backend: string;
}

export type TrainResponse =
  | { ok: true; pack: TrainedPackFiles }
  | { ok: false; problems: MappingProblem[] }
  | { ok: false; error: string };

export type TrainProgressCallback = (p: TrainingProgress) => void;

export interface TrainWorkerApi {
  train(
    columns: SourceColumn[],
    mapping: TrainingMapping,
    onProgress: TrainProgressCallback,
  ): Promise<TrainResponse>;
}
