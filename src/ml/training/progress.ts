/** Typed progress messages from a training run (Node CLI prints them; the browser worker posts them). */
export type TrainingStage =
  'split' | 'tune' | 'fit' | 'stack' | 'calibrate' | 'evaluate' | 'export';

export interface TrainingProgress {
  head: string;
  stage: TrainingStage;
  /** Units of work done and planned in the whole run (fits, roughly), for a progress bar and ETA. */
  done: number;
  total: number;
  message: string;
}

export type ProgressSink = (p: TrainingProgress) => void;
