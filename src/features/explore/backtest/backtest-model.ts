/**
 * Backtest: the pure half. Match a table's columns onto a pack's inputs (by type, known quantity,
 * unit and name; categories by their values), build one engine record per row in time order with
 * the "previous report" inputs taken from the previous row of the same group (plant), and score
 * the model against the recorded dose and against persistence (the previous recorded dose).
 */
import type { InputRecord, InputValue } from '../../../domain/input-record';
import { mae, r2, rmse } from '../../../domain/math/metrics';
import type { InputSpec, PackManifest } from '../../../domain/pack-manifest';
import { guessQuantity } from '../../../domain/quantities';
import type { Column, DataTable } from '../../../data/data-table';
import { getColumn } from '../../../data/data-table';

/** Column chosen per input id (null: not assigned), and the recorded-dose column. */
export interface Mapping {
  inputs: Record<string, string | null>;
  recorded: string | null;
}

/** Inputs the analyst maps to a column: not the previous-report ones (derived) nor the applied dose. */
export function mappableInputs(manifest: PackManifest): InputSpec[] {
  return manifest.inputs.filter((i) => i.role !== 'previous' && i.role !== 'dose');
}

/** Inputs derived from the previous row: `prev_<id>` of a current input, or of the recorded dose. */
export function previousInputs(manifest: PackManifest): { input: InputSpec; source: string }[] {
  const ids = new Set(manifest.inputs.map((i) => i.id));
  return manifest.inputs
    .filter((i) => i.role === 'previous')
    .map((input) => {
      const base = input.id.replace(/^prev_/, '');
      const current = manifest.inputs.find((i) => i.id === base);
      const isDose =
        base === 'dose' ||
        current?.role === 'dose' ||
        (!ids.has(base) && input.quantity === 'dose');
      return { input, source: isDose ? RECORDED : base };
    });
}

/** Source marker for "the recorded dose column". */
export const RECORDED = '@recorded';

/** The group (plant) input: the first category input with role context. */
export function groupInput(manifest: PackManifest): InputSpec | undefined {
  return manifest.inputs.find((i) => i.kind === 'category' && i.role === 'context');
}

const STOP = new Set([
  'de',
  'del',
  'la',
  'el',
  'los',
  'las',
  'the',
  'of',
  'at',
  'y',
  'and',
  'a',
  'en',
  'in',
  'to',
  'por',
]);

export function tokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1 && !STOP.has(t));
}

/** Shared words, weighted by length (a 4+ letter prefix counts: "turb" ~ "turbidity"). */
function nameScore(column: string, words: readonly string[]): number {
  const own = tokens(column);
  let score = 0;
  for (const w of new Set(words)) {
    const hit = own.some(
      (o) => o === w || (Math.min(o.length, w.length) >= 4 && (o.startsWith(w) || w.startsWith(o))),
    );
    if (hit) score += Math.min(w.length, 10) / 4;
  }
  return score;
}

function normUnit(u: string | undefined): string {
  return (u ?? '').toLowerCase().replace(/\s+/g, '').replace('µ', 'u');
}

function distinctSample(col: Extract<Column, { kind: 'category' }>, max = 5000): Set<string> {
  const out = new Set<string>();
  const n = Math.min(col.values.length, max);
  for (let i = 0; i < n; i++) {
    const v = col.values[i];
    if (v !== null && v !== undefined) out.add(v.trim());
  }
  return out;
}

/** How well a column fits an input (0: not at all). */
export function matchScore(input: InputSpec, column: Column): number {
  if (input.kind !== column.kind) return 0;
  const words = tokens(`${input.id} ${input.label.es} ${input.label.en}`);
  const byName = nameScore(column.name, words);
  if (input.kind === 'category') {
    if (column.kind !== 'category') return 0;
    const cats = input.categories ?? [];
    if (cats.length === 0) return byName;
    const values = distinctSample(column);
    const found = cats.filter((c) => values.has(c)).length;
    return found === 0 ? 0 : 10 * (found / cats.length) + byName;
  }
  if (input.kind === 'datetime') return 1 + byName;
  const q = guessQuantity(column.name)?.id;
  const quantity = input.quantity !== undefined && q === input.quantity ? 3 : 0;
  const unit =
    column.kind === 'number' &&
    column.unit !== undefined &&
    normUnit(column.unit) === normUnit(input.unit)
      ? 1
      : 0;
  if (quantity === 0 && byName === 0) return 0;
  return quantity + unit + byName;
}

/** Score of a column as the recorded dose (the target). */
export function recordedScore(manifest: PackManifest, column: Column): number {
  if (column.kind !== 'number') return 0;
  const target = manifest.heads.dose.target;
  const words = tokens(`${target.id} ${target.label.es} ${target.label.en}`);
  const q = guessQuantity(column.name)?.id === 'dose' ? 3 : 0;
  const byName = nameScore(column.name, words);
  if (q === 0 && byName === 0) return 0;
  const unit = column.unit !== undefined && normUnit(column.unit) === normUnit(target.unit) ? 1 : 0;
  return q + byName + unit;
}

/**
 * Automatic mapping: every (input, column) pair scored, then assigned greedily from the best
 * score down, one column per input. The recorded dose takes the best remaining dose-like column.
 */
export function autoMatch(manifest: PackManifest, table: DataTable): Mapping {
  const inputs = mappableInputs(manifest);
  const pairs: { input: string; column: string; score: number }[] = [];
  for (const input of inputs)
    for (const column of table.columns) {
      const score = matchScore(input, column);
      if (score > 0) pairs.push({ input: input.id, column: column.name, score });
    }
  pairs.sort((a, b) => b.score - a.score);
  const mapping: Mapping = {
    inputs: Object.fromEntries(inputs.map((i) => [i.id, null])),
    recorded: null,
  };
  const used = new Set<string>();
  for (const p of pairs) {
    if (mapping.inputs[p.input] !== null || used.has(p.column)) continue;
    mapping.inputs[p.input] = p.column;
    used.add(p.column);
  }
  let best = 0;
  for (const column of table.columns) {
    if (used.has(column.name)) continue;
    const s = recordedScore(manifest, column);
    if (s > best) {
      best = s;
      mapping.recorded = column.name;
    }
  }
  return mapping;
}

/** Required inputs (and the recorded dose) still without a column. */
export function missingAssignments(manifest: PackManifest, mapping: Mapping): string[] {
  const missing = mappableInputs(manifest)
    .filter((i) => !i.optional && !mapping.inputs[i.id])
    .map((i) => i.id);
  if (!mapping.recorded) missing.push(RECORDED);
  return missing;
}

export interface BacktestData {
  records: InputRecord[];
  /** Per record (time order): the row it came from, its time, group, recorded and previous dose. */
  rows: Int32Array;
  time: Float64Array;
  group: (string | null)[];
  recorded: Float64Array;
  persistence: Float64Array;
}

function cellValue(column: Column | undefined, row: number): InputValue {
  if (!column) return null;
  if (column.kind === 'category') {
    const v = column.values[row];
    return v === null || v === undefined || v.trim() === '' ? null : v.trim();
  }
  const v = column.values[row] as number;
  return Number.isFinite(v) ? v : null;
}

/**
 * One record per row, in time order (rows without a time last, in file order). Previous-report
 * inputs come from the previous row of the same group; persistence is that row's recorded dose.
 */
export function buildBacktest(
  manifest: PackManifest,
  table: DataTable,
  mapping: Mapping,
): BacktestData {
  const inputs = mappableInputs(manifest);
  const previous = previousInputs(manifest);
  const columns = new Map(inputs.map((i) => [i.id, getColumn(table, mapping.inputs[i.id] ?? '')]));
  const recordedCol = mapping.recorded ? getColumn(table, mapping.recorded) : undefined;
  const recordedOf = (row: number): number => {
    const v =
      recordedCol && recordedCol.kind === 'number' ? (recordedCol.values[row] as number) : NaN;
    return Number.isFinite(v) ? v : NaN;
  };
  const timeInput = inputs.find((i) => i.kind === 'datetime');
  const timeCol = timeInput ? columns.get(timeInput.id) : undefined;
  const timeOf = (row: number): number =>
    timeCol && timeCol.kind === 'datetime' ? (timeCol.values[row] as number) : NaN;
  const grp = groupInput(manifest);
  const groupCol = grp ? columns.get(grp.id) : undefined;

  const order = Array.from({ length: table.rowCount }, (_, i) => i);
  order.sort((a, b) => {
    const ta = timeOf(a);
    const tb = timeOf(b);
    if (Number.isNaN(ta) || Number.isNaN(tb))
      return Number.isNaN(ta) ? (Number.isNaN(tb) ? a - b : 1) : -1;
    return ta - tb || a - b;
  });

  const n = order.length;
  const records: InputRecord[] = new Array<InputRecord>(n);
  const out: BacktestData = {
    records,
    rows: Int32Array.from(order),
    time: new Float64Array(n),
    group: new Array<string | null>(n),
    recorded: new Float64Array(n),
    persistence: new Float64Array(n),
  };
  const last = new Map<string, { rec: Record<string, InputValue>; recorded: number }>();
  order.forEach((row, k) => {
    const rec: Record<string, InputValue> = {};
    for (const input of inputs) rec[input.id] = cellValue(columns.get(input.id), row);
    const g = groupCol ? (cellValue(groupCol, row) as string | null) : '';
    const key = g ?? '\u0000none';
    const prev = last.get(key);
    for (const { input, source } of previous) {
      if (!prev) rec[input.id] = null;
      else if (source === RECORDED)
        rec[input.id] = Number.isFinite(prev.recorded) ? prev.recorded : null;
      else rec[input.id] = prev.rec[source] ?? null;
    }
    records[k] = rec;
    out.time[k] = timeOf(row);
    out.group[k] = groupCol ? g : null;
    const recorded = recordedOf(row);
    out.recorded[k] = recorded;
    out.persistence[k] = prev ? prev.recorded : NaN;
    last.set(key, { rec, recorded });
  });
  return out;
}

export interface Scores {
  mae: number;
  rmse: number;
  r2: number;
}

export interface BacktestMetrics {
  model: Scores;
  persistence: Scores;
  /** Rows where recorded, predicted and persistence all exist (the rows both are scored on). */
  compared: number;
}

/** Model and persistence scored on the same rows. */
export function backtestMetrics(
  recorded: ArrayLike<number>,
  predicted: ArrayLike<number>,
  persistence: ArrayLike<number>,
): BacktestMetrics {
  const n = recorded.length;
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let compared = 0;
  for (let i = 0; i < n; i++) {
    const a = recorded[i] as number;
    const b = predicted[i] as number;
    const c = persistence[i] as number;
    const ok = Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c);
    y[i] = ok ? a : NaN;
    p[i] = ok ? b : NaN;
    q[i] = ok ? c : NaN;
    if (ok) compared++;
  }
  const score = (pred: Float64Array): Scores =>
    compared === 0
      ? { mae: NaN, rmse: NaN, r2: NaN }
      : { mae: mae(y, pred), rmse: rmse(y, pred), r2: r2(y, pred) };
  return { model: score(p), persistence: score(q), compared };
}
