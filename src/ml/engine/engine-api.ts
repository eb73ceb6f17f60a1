import type { InputRecord } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';

/**
 * The engine's public contract: what the Operate screen, the explorer's backtest and the Models
 * area may rely on. Everything the UI shows about trust comes as a reason code it translates.
 */

export type ReasonCode =
  /** Errors: the input is rejected and no dose is given. */
  | 'missing-value'
  | 'not-a-number'
  | 'outside-physical-range'
  | 'unknown-category'
  /** Warnings: a dose is given, with a warning (and, for some, a jar-test demand). */
  | 'outside-training-range'
  | 'novel-combination'
  | 'sensor-rate-of-change'
  | 'sensor-flatline'
  | 'members-disagree';

export type Severity = 'error' | 'warning';

export interface InputIssue {
  /** Input id from the manifest, or '*' for the row as a whole (novelty, disagreement). */
  input: string;
  code: ReasonCode;
  severity: Severity;
  /** Numbers the UI can show next to the translated message. */
  detail?: { value?: number; min?: number; max?: number; score?: number; threshold?: number };
}

export interface MemberOutput {
  id: string;
  kind: string;
  /** In target units (mg/L). */
  value: number;
  weight: number;
}

export interface HeadOutput {
  /** Target units (mg/L for dose, NTU for settled turbidity). */
  value: number;
  lo: number;
  hi: number;
  members: MemberOutput[];
}

export interface DosePrediction {
  dose: HeadOutput;
  /** Settled turbidity forecast at the recommended dose, when the pack has that head. */
  settled?: HeadOutput;
  /** Spread of member outputs relative to the dose: (max − min) / dose. */
  disagreement: number;
  novelty: { score: number; threshold: number; novel: boolean };
  /** Warnings only (errors make `ok: false`). */
  issues: InputIssue[];
  /** True when the model should not be trusted for this input: the UI shows the jar-test banner. */
  jarTestRequired: boolean;
}

export type PredictResult =
  { ok: true; prediction: DosePrediction } | { ok: false; issues: InputIssue[] };

export interface Contribution {
  /** Input id from the manifest. */
  input: string;
  /** mg/L added to the reference dose by this input's value (Shapley value); they sum to dose − reference. */
  value: number;
}

export interface Explanation {
  /** Dose at the background (reference) inputs, mg/L. */
  reference: number;
  dose: number;
  contributions: Contribution[];
}

export interface WhatIfCurve {
  input: string;
  /** Swept input values (input's unit) and the dose at each (mg/L), others held. */
  x: number[];
  dose: number[];
}

export interface ReverseResult {
  /** Least dose (mg/L) whose forecast settled turbidity is ≤ target, or null when none in range is. */
  dose: number | null;
  target: number;
  /** Dose range searched, mg/L. */
  searched: [number, number];
  /** Forecast settled turbidity at the returned dose (or at the top of the range when none meets it). */
  settledAtDose: number;
  /**
   * Forecast settled turbidity at the lowest and the highest dose searched: how much the dose can
   * move it for these readings (the settled head is constrained to fall with the dose, so the
   * first is the larger).
   */
  settledRange: [number, number];
  /** The searched doses move the forecast by less than REVERSE_WEAK_EFFECT_SHARE of it. */
  weakEffect: boolean;
}

export interface BatchRow {
  ok: boolean;
  dose: number;
  lo: number;
  hi: number;
  novel: boolean;
  issues: InputIssue[];
}

export interface BatchProgress {
  done: number;
  total: number;
}

export type LoadStage = 'backend' | 'manifest' | 'files' | 'verify' | 'models' | 'warmup' | 'ready';

export interface LoadProgress {
  stage: LoadStage;
  /** 0..1 within the whole load. */
  fraction: number;
}

/** Errors a load can end with, as codes the UI translates. */
export type LoadErrorCode =
  | 'pack-not-found'
  | 'manifest-invalid'
  | 'unknown-schema-version'
  | 'integrity-failed'
  | 'backend-unavailable'
  | 'network';

export interface PackSummary {
  id: string;
  title: { es: string; en: string };
  createdAt: string;
  source: 'shipped' | 'local';
}

export interface Engine {
  readonly manifest: PackManifest;
  /** 'wasm' | 'webgl' | 'cpu'. */
  readonly backend: string;
  /** recent: the same inputs at earlier reports, oldest first, for sensor checks (optional). */
  predict(record: InputRecord, recent?: readonly InputRecord[]): Promise<PredictResult>;
  explain(record: InputRecord): Promise<Explanation>;
  whatIf(record: InputRecord, input: string, points?: number): Promise<WhatIfCurve>;
  reverse(record: InputRecord, targetSettled: number): Promise<ReverseResult>;
  predictBatch(
    records: readonly InputRecord[],
    onProgress?: (p: BatchProgress) => void,
    signal?: AbortSignal,
  ): Promise<BatchRow[]>;
}
