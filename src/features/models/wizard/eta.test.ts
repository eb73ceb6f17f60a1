import { describe, expect, it } from 'vitest';
import { etaSeconds } from './training-steps';

const at = (done: number) => ({
  head: 'dose',
  stage: 'tune' as const,
  done,
  total: 100,
  message: 'gbdt: trial 1/3, fold 1/4',
});

describe('training ETA', () => {
  it('waits for a pace measured after the ridge member', () => {
    expect(etaSeconds(at(30), null, 10_000)).toBeNull();
    // 1 s after the mark: too early to say.
    expect(etaSeconds(at(31), { at: 9_000, done: 25 }, 10_000)).toBeNull();
  });

  it('extrapolates the pace since the mark to the work left', () => {
    // 10 units in 5 s since the mark: 60 units left → 30 s.
    expect(etaSeconds(at(40), { at: 5_000, done: 30 }, 10_000)).toBe(30);
    expect(etaSeconds(at(100), { at: 5_000, done: 30 }, 10_000)).toBe(0);
  });
});
