import { describe, expect, it } from 'vitest';
import {
  memberColumns,
  memberMonotone,
  MIN_GROUP_ROWS_IN_FOLD,
  seenGroupsOnly,
} from './train-head';
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
