import type { InputRecord } from '../../domain/input-record';
import type { FeatureSpec, TargetSpec } from '../../domain/pack-manifest';
import {
  featureMatrix,
  fitStandardisation,
  forwardTarget,
  type UnfittedFeature,
} from '../preprocessing';

/** Rows → the matrices one head trains on. */
export interface HeadData {
  features: FeatureSpec[];
  /** Standardised features of every row of the table, row-major [nRows, p]. */
  x: Float64Array;
  /** Transformed target of every row (NaN where the head has no target). */
  z: Float64Array;
  p: number;
}

/** Training-fold medians per group for every groupRatio feature; groups unseen in training are left out. */
export function fitGroupReferences(
  features: readonly UnfittedFeature[],
  records: readonly InputRecord[],
): UnfittedFeature[] {
  return features.map((f) => {
    if (f.transform.kind !== 'groupRatio') return f;
    const byGroup = new Map<string, number[]>();
    for (const rec of records) {
      const g = rec[f.transform.group];
      const v = rec[f.input];
      if (typeof g === 'string' && typeof v === 'number' && Number.isFinite(v) && v > 0) {
        byGroup.set(g, [...(byGroup.get(g) ?? []), v]);
      }
    }
    const reference: Record<string, number> = {};
    for (const [g, values] of byGroup) {
      values.sort((a, b) => a - b);
      reference[g] = values[values.length >> 1] as number;
    }
    return { ...f, transform: { ...f.transform, reference } };
  });
}

/** Fit references and standardisation on `trainRows` only, then derive features for every row. */
export function prepareHead(
  unfitted: readonly UnfittedFeature[],
  target: Pick<TargetSpec, 'transform'>,
  records: readonly InputRecord[],
  y: ArrayLike<number>,
  trainRows: readonly number[],
): HeadData {
  const trainRecs = trainRows.map((i) => records[i] as InputRecord);
  const features = fitStandardisation(fitGroupReferences(unfitted, trainRecs), trainRecs);
  const z = Float64Array.from({ length: records.length }, (_, i) =>
    forwardTarget(target, y[i] as number),
  );
  return { features, x: featureMatrix(features, records), z, p: features.length };
}

/** Rows of x (row-major [*, p]) picked by index. */
export function takeRows(x: Float64Array, p: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * p);
  rows.forEach((r, i) => out.set(x.subarray(r * p, r * p + p), i * p));
  return out;
}

export function takeValues(v: ArrayLike<number>, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (r) => v[r] as number);
}
