import type { Rng } from '../../../domain/math/random';
import type { MemberSpec } from '../../../domain/pack-manifest';

export type Hyperparameters = Record<string, number | string | boolean>;
export type MemberKind = MemberSpec['kind'];

export interface FitContext {
  seed: number;
  /** Polled between trees / epochs; a true answer aborts the fit with an AbortError. */
  shouldStop: () => boolean;
  /** Per column of x: +1 increasing, −1 decreasing, 0 free (only for learners that honour it). */
  monotone?: readonly number[];
}

/** Bytes of a member as shipped in a pack: its spec (minus weight) and its files by relative path. */
export interface ExportedMember {
  spec: Omit<MemberSpec, 'weight'>;
  files: Record<string, Uint8Array>;
}

export interface FittedMember {
  /**
   * Predictions on the transformed-target scale. x: standardised features, row-major [n, p],
   * NaN for missing. Computed through the exact representation that is exported, so the
   * trainer's numbers are the engine's numbers.
   */
  predict(x: Float64Array, n: number): Promise<Float64Array>;
  export(id: string): Promise<ExportedMember>;
  dispose(): void;
}

export interface MemberLearner {
  kind: MemberKind;
  /** Tree learners may read `treesOnly` features; the others never see them. */
  readsTreesOnlyFeatures: boolean;
  /** Learners that enforce FitContext.monotone; the others never see `monotone` features. */
  honoursMonotone: boolean;
  /** Share of the budget's trials this learner gets (the MLP costs ~10× a tree ensemble per fit). */
  trialShare?: number;
  /** A random point of the search space (seeded). */
  sample(rng: Rng, budget: TrainingBudget): Hyperparameters;
  /** A sensible default, tried first in every search. */
  defaults(budget: TrainingBudget): Hyperparameters;
  /** Rows of x come in time order (the MLP holds out the latest for early stopping). */
  fit(
    x: Float64Array,
    y: Float64Array,
    n: number,
    p: number,
    hp: Hyperparameters,
    ctx: FitContext,
  ): Promise<FittedMember>;
}

export interface TrainingBudget {
  name: 'quick' | 'standard' | 'full';
  /** Random-search trials per member (the default point included). */
  trials: number;
  /** Scales tree counts and epochs down for the quick budget. */
  sizeScale: number;
}

export const BUDGETS: Record<TrainingBudget['name'], TrainingBudget> = {
  quick: { name: 'quick', trials: 3, sizeScale: 0.4 },
  standard: { name: 'standard', trials: 8, sizeScale: 0.7 },
  full: { name: 'full', trials: 12, sizeScale: 1 },
};

/** Trials (the default point included) a learner gets under a budget. */
export function trialsFor(
  learner: Pick<MemberLearner, 'trialShare'>,
  budget: TrainingBudget,
): number {
  return Math.max(1, Math.ceil(budget.trials * (learner.trialShare ?? 1)));
}

export function abortError(): Error {
  const e = new Error('Training cancelled');
  e.name = 'AbortError';
  return e;
}

export function numberParam(hp: Hyperparameters, key: string): number {
  const v = hp[key];
  if (typeof v !== 'number') throw new Error(`hyperparameter ${key} missing`);
  return v;
}
