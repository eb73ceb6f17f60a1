import type { InputRecord } from '../../domain/input-record';

/**
 * A cleaned, time-sorted table ready for training, produced by a dataset adapter (AguaClara in
 * Node, a column mapping in the browser). Rows are sorted by (time) globally; `group` is the plant
 * (or a single constant group for a one-plant dataset).
 */
export interface TrainingTable {
  /** Inputs per row, keyed by the pack's input ids. */
  records: InputRecord[];
  /** Dose target per row, mg/L. */
  target: Float64Array;
  /** Settled-water turbidity per row, NTU; NaN where not reported. */
  settled: Float64Array;
  /** Group (plant) per row. */
  group: string[];
  /** Wall-clock ms per row. */
  time: Float64Array;
  /** The previous row's dose in the same group (persistence baseline), NaN for a group's first row. */
  previousTarget: Float64Array;
}

export interface CleaningStep {
  rule: string;
  removed: number;
  detail: string;
}

/** Build the table's derived columns once rows are cleaned: sort by time, link each row to its group's previous row. */
export interface CleanRow {
  group: string;
  time: number;
  target: number;
  settled: number;
  inputs: Record<string, number | string | null>;
}

/**
 * Sort rows by time, then attach per-group "previous report" inputs (`prev_<id>` for each id in
 * `carry`) and the previous target. The previous row is the group's last earlier row.
 */
export function assembleTable(rows: readonly CleanRow[], carry: readonly string[]): TrainingTable {
  const sorted = [...rows].sort((a, b) => a.time - b.time || a.group.localeCompare(b.group));
  const last = new Map<string, CleanRow>();
  const records: InputRecord[] = [];
  const previousTarget = new Float64Array(sorted.length);
  sorted.forEach((row, i) => {
    const prev = last.get(row.group);
    const rec: Record<string, number | string | null> = { ...row.inputs };
    for (const id of carry) rec[`prev_${id}`] = prev ? (prev.inputs[id] ?? null) : null;
    records.push(rec);
    previousTarget[i] = prev ? prev.target : Number.NaN;
    last.set(row.group, row);
  });
  return {
    records,
    target: Float64Array.from(sorted, (r) => r.target),
    settled: Float64Array.from(sorted, (r) => r.settled),
    group: sorted.map((r) => r.group),
    time: Float64Array.from(sorted, (r) => r.time),
    previousTarget,
  };
}
