/**
 * Time-ordered splits. Random splits let neighbouring reports leak into the test set and flatter
 * every model; here the test set is each group's last slice by time, the calibration slice sits
 * just before it, and cross-validation rolls forward in time over what is left.
 */
export interface SplitOptions {
  /** Share of each group's rows, latest by time, held out as the final test set. */
  testFraction: number;
  /** Share of each group's pre-test rows, latest by time, used to calibrate the conformal interval. */
  calibrationFraction: number;
  /** Rolling-origin folds on the training rows (needs nFolds + 1 time blocks). */
  nFolds: number;
}

export const DEFAULT_SPLIT: SplitOptions = {
  testFraction: 0.2,
  calibrationFraction: 0.15,
  nFolds: 4,
};

export interface Fold {
  train: number[];
  valid: number[];
}

export interface TimeSplit {
  train: number[];
  calibration: number[];
  test: number[];
  /** Training and calibration rows together, in time order: what the shipped members are refitted on. */
  preTest: number[];
  folds: Fold[];
}

/** Row indices per group, each in time order. */
function indicesByGroup(group: readonly string[], time: ArrayLike<number>): Map<string, number[]> {
  const by = new Map<string, number[]>();
  group.forEach((g, i) => {
    const list = by.get(g);
    if (list) list.push(i);
    else by.set(g, [i]);
  });
  for (const list of by.values())
    list.sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
  return by;
}

export function timeSplit(
  group: readonly string[],
  time: ArrayLike<number>,
  options: SplitOptions = DEFAULT_SPLIT,
): TimeSplit {
  const train: number[] = [];
  const calibration: number[] = [];
  const test: number[] = [];
  for (const rows of indicesByGroup(group, time).values()) {
    const nTest = Math.round(rows.length * options.testFraction);
    const pre = rows.length - nTest;
    const nCal = Math.round(pre * options.calibrationFraction);
    train.push(...rows.slice(0, pre - nCal));
    calibration.push(...rows.slice(pre - nCal, pre));
    test.push(...rows.slice(pre));
  }
  const byTime = (a: number, b: number) => (time[a] as number) - (time[b] as number) || a - b;
  train.sort(byTime);
  calibration.sort(byTime);
  test.sort(byTime);
  const preTest = [...train, ...calibration].sort(byTime);
  return { train, calibration, test, preTest, folds: rollingOriginFolds(train, options.nFolds) };
}

/**
 * Rolling origin over rows already sorted by time: nFolds + 1 equal blocks; fold k trains on
 * blocks 0..k−1 and validates on block k. Block 0 is never validated.
 */
export function rollingOriginFolds(sortedRows: readonly number[], nFolds: number): Fold[] {
  const blocks = nFolds + 1;
  const edge = (b: number) => Math.round((sortedRows.length * b) / blocks);
  const folds: Fold[] = [];
  for (let k = 1; k <= nFolds; k++) {
    folds.push({
      train: sortedRows.slice(0, edge(k)),
      valid: sortedRows.slice(edge(k), edge(k + 1)),
    });
  }
  return folds;
}
