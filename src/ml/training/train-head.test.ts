import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  memberColumns,
  memberMonotone,
  MIN_GROUP_ROWS_IN_FOLD,
  seenGroupsOnly,
  trainHead,
} from './train-head';
import { BUDGETS } from './members/member-learner';
import { timeSplit } from './time-split';
import type { TargetSpec } from '../../domain/pack-manifest';
import { gbdtLearner } from './members/tree-members';
import { ridgeLearner } from './members/ridge-member';
import type { FeatureSpec } from '../../domain/pack-manifest';

describe('seenGroupsOnly', () => {
  it('keeps validation rows of plants the fold has trained on, and drops the others', () => {
    const n = MIN_GROUP_ROWS_IN_FOLD;
    // Rows 0..n-1 are plant a (train), row n is plant b (train, once), rows n+1..n+3 validate.
    const group = [...Array<string>(n).fill('a'), 'b', 'a', 'b', 'c'];
    const train = Array.from({ length: n + 1 }, (_, i) => i);
    expect(seenGroupsOnly([n + 1, n + 2, n + 3], train, group)).toEqual([n + 1]);
  });
});

describe('member views of the features', () => {
  const f = (name: string, extra: Partial<FeatureSpec> = {}): FeatureSpec => ({
    name,
    input: name,
    transform: { kind: 'identity' },
    mean: 0,
    std: 1,
    ...extra,
  });
  const features = [
    f('turbidity'),
    f('date', { treesOnly: true }),
    f('dose', { monotone: 'decreasing' }),
  ];

  it('trees read every column and get the monotone sign; ridge skips treesOnly and monotone', () => {
    const trees = memberColumns({ features }, gbdtLearner);
    expect(trees).toEqual([0, 1, 2]);
    expect(memberMonotone({ features }, trees)).toEqual([0, 0, -1]);
    const ridge = memberColumns({ features }, ridgeLearner);
    expect(ridge).toEqual([0]);
    expect(memberMonotone({ features }, ridge)).toBeUndefined();
  });
});

describe('trainHead refits the shipped members on every pre-test row', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a level that changed in the calibration slice reaches the shipped member, not the interval', async () => {
    // One plant, 200 reports: the dose level is 1 over the training rows and 5 from the
    // calibration slice on (a plant that changed its dosing habit). One uninformative feature.
    const n = 200;
    const group = Array<string>(n).fill('plant');
    const time = Array.from({ length: n }, (_, i) => i);
    const split = timeSplit(group, time);
    const changedFrom = split.calibration[0] as number;
    const z = Float64Array.from(time, (i) => (i < changedFrom ? 1 : 5));
    const x = Float64Array.from(time, (i) => Math.sin(i * 1.7));
    const target: TargetSpec = {
      id: 'dose',
      label: { es: 'Dosis', en: 'Dose' },
      unit: 'mg/L',
      physicalRange: [0, 100],
      transform: 'identity',
    };
    const head = await trainHead(
      target,
      {
        features: [{ name: 'x', input: 'x', transform: { kind: 'identity' }, mean: 0, std: 1 }],
        x,
        z,
        p: 1,
      },
      split,
      {
        name: 'dose',
        seed: 1,
        budget: BUDGETS.quick,
        learners: [ridgeLearner],
        alpha: 0.1,
        shouldStop: () => false,
        onProgress: () => undefined,
        counter: { done: 0, total: 0 },
        group,
      },
    );
    const preTestMean =
      split.preTest.reduce((s, r) => s + (z[r] as number), 0) / split.preTest.length;
    const testRow = split.test[0] as number;
    // The shipped ridge has seen the new level: its prediction is the pre-test mean (≈ 1.6),
    // where a member fitted on the training rows alone would answer 1.
    expect(head.predictions.member[0]?.[testRow]).toBeCloseTo(preTestMean, 1);
    expect(head.predictions.ensemble[testRow]).toBeCloseTo(preTestMean, 1);
    // The interval was calibrated on the members fitted before the refit: their calibration
    // residuals are the full change, 5 − 1.
    expect(head.conformalQuantile).toBeCloseTo(4, 1);
  });
});
