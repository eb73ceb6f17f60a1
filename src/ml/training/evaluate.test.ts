import { describe, expect, it } from 'vitest';
import { groupMedianBaseline, metricsTable, persistenceBaseline } from './evaluate';

describe('metricsTable', () => {
  // Rows 0..5; rows 1, 2, 4, 5 are the test set.
  const y = [100, 10, 20, 100, 30, 50];
  const group = ['b', 'b', 'a', 'a', 'b', 'a'];
  const test = [1, 2, 4, 5];
  const exact = { model: 'exact', prediction: Float64Array.from(y) };
  const off = {
    model: 'off',
    // errors on test rows: row1 +2, row2 −4, row4 0, row5 NaN (no prediction)
    prediction: Float64Array.from([0, 12, 16, 0, 30, NaN]),
    lo: Float64Array.from([0, 11, 17, 0, 29, 0]),
    hi: Float64Array.from([0, 13, 19, 0, 31, 0]),
  };
  const rows = metricsTable([exact, off], y, group, test);

  it("has one row per scope × model, 'all' first, then groups in order", () => {
    expect(rows.map((r) => `${r.scope}/${r.model}`)).toEqual([
      'all/exact',
      'all/off',
      'a/exact',
      'a/off',
      'b/exact',
      'b/off',
    ]);
  });

  it('scores only the test rows of each scope', () => {
    const get = (scope: string, model: string) =>
      rows.find((r) => r.scope === scope && r.model === model);
    expect(get('all', 'exact')).toMatchObject({ n: 4, mae: 0, rmse: 0, r2: 1, coverage: null });
    // 'off' on all: rows 1, 2, 4 usable; |errors| 2, 4, 0.
    const all = get('all', 'off');
    expect(all?.n).toBe(3);
    expect(all?.mae).toBeCloseTo(2, 12);
    expect(all?.rmse).toBeCloseTo(Math.sqrt(20 / 3), 12);
    // Coverage: 10 ∈ [11, 13]? no; 20 ∈ [17, 19]? no; 30 ∈ [29, 31] yes (row 5 y=50 ∈ [0, 0] no).
    expect(all?.coverage).toBeCloseTo(1 / 4, 12);
    // Group a test rows: 2 and 5; only row 2 has a prediction.
    expect(get('a', 'off')).toMatchObject({ n: 1, mae: 4 });
    expect(get('a', 'exact')?.n).toBe(2);
    // Group b test rows: 1 and 4.
    expect(get('b', 'off')).toMatchObject({ n: 2, mae: 1 });
    expect(get('b', 'exact')?.n).toBe(2);
  });

  it('gives only the all scope for an empty test set', () => {
    const empty = metricsTable([exact], y, group, []);
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ scope: 'all', n: 0 });
    expect(empty[0]?.mae).toBeNaN();
  });
});

describe('groupMedianBaseline', () => {
  const y = [1, 2, 3, NaN, 10, 20, 1000];
  const group = ['a', 'a', 'a', 'a', 'b', 'b', 'b'];

  it("predicts each group's median over the reference rows, NaN ignored", () => {
    // Reference rows exclude row 6 (1000).
    const p = groupMedianBaseline(y, group, [0, 1, 2, 3, 4, 5]);
    expect([...p]).toEqual([2, 2, 2, 2, 15, 15, 15]);
  });

  it('falls back to the overall median for a group unseen in the reference rows', () => {
    const g2 = [...group, 'c'];
    const y2 = [...y, 7];
    const p = groupMedianBaseline(y2, g2, [0, 1, 2, 3, 4, 5]);
    // Overall median of 1, 2, 3, 10, 20 (NaN skipped) = 3.
    expect(p[7]).toBe(3);
    // A group whose reference values are all NaN is unseen too.
    const p3 = groupMedianBaseline([NaN, 4, 6], ['x', 'y', 'y'], [0, 1, 2]);
    expect([...p3]).toEqual([5, 5, 5]);
  });
});

describe('persistenceBaseline', () => {
  it('keeps the previous value, and uses the fallback where it is NaN', () => {
    const p = persistenceBaseline([NaN, 5, 0, NaN], [9, 9, 9, 8]);
    expect([...p]).toEqual([9, 5, 0, 8]);
  });
});
