import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SPLIT, rollingOriginFolds, timeSplit } from './time-split';

const FC = { seed: 20250214, numRuns: 200 };

/** Several groups of different sizes, rows interleaved, random (tie-prone) times. */
const groupedRows = fc
  .array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 })
  .chain((sizes) => {
    const group = sizes.flatMap((n, g) => Array.from({ length: n }, () => `g${g}`));
    return fc.record({
      group: fc.shuffledSubarray(group, { minLength: group.length, maxLength: group.length }),
      time: fc.array(fc.integer({ min: 0, max: 200 }), {
        minLength: group.length,
        maxLength: group.length,
      }),
    });
  });

const maxTime = (rows: number[], time: number[]) => Math.max(...rows.map((r) => time[r] as number));
const minTime = (rows: number[], time: number[]) => Math.min(...rows.map((r) => time[r] as number));

describe('timeSplit', () => {
  it('partitions the rows: disjoint, covering every row once', () => {
    fc.assert(
      fc.property(groupedRows, ({ group, time }) => {
        const s = timeSplit(group, time);
        const all = [...s.train, ...s.calibration, ...s.test].sort((a, b) => a - b);
        expect(all).toEqual(group.map((_, i) => i));
      }),
      FC,
    );
  });

  it('preTest is exactly train ∪ calibration, in time order', () => {
    fc.assert(
      fc.property(groupedRows, ({ group, time }) => {
        const s = timeSplit(group, time);
        const expected = [...s.train, ...s.calibration].sort((a, b) => a - b);
        expect([...s.preTest].sort((a, b) => a - b)).toEqual(expected);
        for (let i = 1; i < s.preTest.length; i++)
          expect(time[s.preTest[i - 1] as number]).toBeLessThanOrEqual(
            time[s.preTest[i] as number] as number,
          );
      }),
      FC,
    );
  });

  it('orders each group in time: train ≤ calibration ≤ test', () => {
    fc.assert(
      fc.property(groupedRows, ({ group, time }) => {
        const s = timeSplit(group, time);
        for (const g of new Set(group)) {
          const inG = (rows: number[]) => rows.filter((r) => group[r] === g);
          const [train, cal, test] = [inG(s.train), inG(s.calibration), inG(s.test)];
          if (train.length && cal.length)
            expect(maxTime(train, time)).toBeLessThanOrEqual(minTime(cal, time));
          if (cal.length && test.length)
            expect(maxTime(cal, time)).toBeLessThanOrEqual(minTime(test, time));
          if (train.length && test.length)
            expect(maxTime(train, time)).toBeLessThanOrEqual(minTime(test, time));
        }
      }),
      FC,
    );
  });

  it('holds out round(20 %) of each group as test and round(15 %) of the rest as calibration', () => {
    fc.assert(
      fc.property(groupedRows, ({ group, time }) => {
        const s = timeSplit(group, time);
        for (const g of new Set(group)) {
          const n = group.filter((x) => x === g).length;
          const nTest = s.test.filter((r) => group[r] === g).length;
          const nCal = s.calibration.filter((r) => group[r] === g).length;
          expect(nTest).toBe(Math.round(n / 5));
          expect(nCal).toBe(Math.round((n - nTest) * DEFAULT_SPLIT.calibrationFraction));
        }
      }),
      FC,
    );
  });

  it('returns each part sorted by time', () => {
    fc.assert(
      fc.property(groupedRows, ({ group, time }) => {
        const s = timeSplit(group, time);
        for (const part of [s.train, s.calibration, s.test]) {
          for (let i = 1; i < part.length; i++) {
            expect(time[part[i - 1] as number]).toBeLessThanOrEqual(
              time[part[i] as number] as number,
            );
          }
        }
      }),
      FC,
    );
  });

  it('builds nFolds rolling-origin folds over the train rows: train precedes valid, folds grow', () => {
    fc.assert(
      fc.property(groupedRows, ({ group, time }) => {
        const s = timeSplit(group, time);
        expect(s.folds).toHaveLength(DEFAULT_SPLIT.nFolds);
        const pos = new Map(s.train.map((r, i) => [r, i]));
        let prevTrain: number[] = [];
        for (const fold of s.folds) {
          // Train rows come first in the sorted train order, valid rows right after.
          const trainPos = fold.train.map((r) => pos.get(r) as number);
          const validPos = fold.valid.map((r) => pos.get(r) as number);
          expect(trainPos).toEqual(trainPos.map((_, i) => i));
          expect(validPos).toEqual(validPos.map((_, i) => fold.train.length + i));
          if (fold.train.length && fold.valid.length)
            expect(maxTime(fold.train, time)).toBeLessThanOrEqual(minTime(fold.valid, time));
          // Each fold's train set extends the previous one.
          expect(fold.train.length).toBeGreaterThanOrEqual(prevTrain.length);
          expect(fold.train.slice(0, prevTrain.length)).toEqual(prevTrain);
          prevTrain = fold.train;
        }
      }),
      FC,
    );
  });

  it('splits a hand example as expected', () => {
    // Group a: 10 rows at times 0..9 (given in reverse); group b: 5 rows at times 100..104.
    const group = [...Array<string>(10).fill('a'), ...Array<string>(5).fill('b')];
    const time = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 100, 101, 102, 103, 104];
    const s = timeSplit(group, time);
    // a: 2 test (times 8, 9), round(8 × 0.15) = 1 calibration (time 7), 7 train.
    // b: 1 test (104), round(4 × 0.15) = 1 calibration (103), 3 train.
    expect(s.test.map((r) => time[r])).toEqual([8, 9, 104]);
    expect(s.calibration.map((r) => time[r])).toEqual([7, 103]);
    expect(s.train.map((r) => time[r])).toEqual([0, 1, 2, 3, 4, 5, 6, 100, 101, 102]);
  });
});

describe('rollingOriginFolds', () => {
  it('cuts nFolds + 1 equal blocks; fold k validates block k on blocks 0..k−1', () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    expect(rollingOriginFolds(rows, 4)).toEqual([
      { train: [0, 1], valid: [2, 3] },
      { train: [0, 1, 2, 3], valid: [4, 5] },
      { train: [0, 1, 2, 3, 4, 5], valid: [6, 7] },
      { train: [0, 1, 2, 3, 4, 5, 6, 7], valid: [8, 9] },
    ]);
  });

  it('validates every row except the first block exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 8 }), (n, k) => {
        const rows = Array.from({ length: n }, (_, i) => i);
        const folds = rollingOriginFolds(rows, k);
        const valid = folds.flatMap((f) => f.valid);
        const firstBlock = folds[0]?.train.length ?? 0;
        expect(valid).toEqual(rows.slice(firstBlock));
      }),
      FC,
    );
  });
});
