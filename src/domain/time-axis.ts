/**
 * Pre-training checks of a table's time axis, shared by the training wizard (to warn on step 1)
 * and the trainer (`src/ml/training/mapped-dataset.ts`, also used by the CLI).
 *
 * Rows out of time order are common and harmless (SCADA and spreadsheet exports are often
 * newest-first): the trainer sorts them, and the wizard says so before training. Two rows with
 * the same time (in the same plant) are not: which one holds the real reading is the analyst's
 * call, so they are refused with the count and the first repeated time.
 */
export interface TimeAxisReport {
  /** Rows with a finite time. */
  valid: number;
  /** Rows whose time is earlier than the previous row's of the same group. */
  outOfOrder: number;
  /** Rows that repeat the time of an earlier row of the same group. */
  duplicates: number;
  /** The earliest repeated time (ms since epoch), or null. */
  firstDuplicate: number | null;
}

/** The group of row i ('' when the table has no groups). */
export type GroupOf = (i: number) => string;

const noGroup: GroupOf = () => '';

/**
 * Row indices with a finite time, ordered by group, then time; stable, so a table already in
 * order keeps its row order.
 */
export function timeOrder(time: Float64Array, groupOf: GroupOf = noGroup): number[] {
  const idx: number[] = [];
  const groups: string[] = new Array<string>(time.length).fill('');
  for (let i = 0; i < time.length; i++)
    if (Number.isFinite(time[i])) {
      idx.push(i);
      groups[i] = groupOf(i);
    }
  return idx.sort((a, b) => {
    const ga = groups[a] as string;
    const gb = groups[b] as string;
    return ga < gb ? -1 : ga > gb ? 1 : (time[a] as number) - (time[b] as number);
  });
}

export function checkTimeAxis(time: Float64Array, groupOf: GroupOf = noGroup): TimeAxisReport {
  const last = new Map<string, number>();
  let outOfOrder = 0;
  let valid = 0;
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) continue;
    valid++;
    const g = groupOf(i);
    const before = last.get(g);
    if (before !== undefined && t < before) outOfOrder++;
    last.set(g, t);
  }
  let duplicates = 0;
  let firstDuplicate: number | null = null;
  const order = timeOrder(time, groupOf);
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (time[a] === time[b] && groupOf(a) === groupOf(b)) {
      duplicates++;
      const t = time[b] as number;
      if (firstDuplicate === null || t < firstDuplicate) firstDuplicate = t;
    }
  }
  return { valid, outOfOrder, duplicates, firstDuplicate };
}
