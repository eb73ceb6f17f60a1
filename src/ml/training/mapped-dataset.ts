import { spansSeasons, timeContextFeatures } from './time-features';
import type { InputSpec, TargetSpec } from '../../domain/pack-manifest';
import { checkTimeAxis, timeOrder, type GroupOf } from '../../domain/time-axis';
import type { TrainingMapping } from '../../domain/training-mapping';
import type { UnfittedFeature } from '../preprocessing';
import type { PackDefinition } from './train-pack';
import {
  assembleTable,
  type CleaningStep,
  type CleanRow,
  type TrainingTable,
} from './training-table';

/**
 * Any plant's table + a column mapping → a training table and a pack definition. The browser
 * wizard and `npm run train -- --csv … --config …` both come through here, so a pack trained in
 * either place is built the same way.
 */

/** A column as the explorer's DataTable holds it (structurally compatible, so ml need not import data). */
export type SourceColumn =
  | { name: string; kind: 'number' | 'datetime'; values: Float64Array }
  | { name: string; kind: 'category'; values: (string | null)[] };

export type MappingProblemCode =
  | 'no-time-column'
  | 'time-not-datetime'
  | 'time-duplicated'
  | 'missing-column'
  | 'not-numeric'
  | 'too-few-rows'
  | 'constant-target'
  | 'constant-feature'
  | 'all-missing-feature'
  | 'feature-outside-range'
  | 'duplicate-input-id';

export interface MappingProblem {
  code: MappingProblemCode;
  column?: string;
  /** Numbers for the message: rows found, rows needed. */
  count?: number;
  needed?: number;
  /** A value to show with the message: the first repeated time, `YYYY-MM-DD HH:mm`. */
  example?: string;
}

/** Said before training, but does not stop it. */
export interface MappingNotice {
  /** Rows were out of time order (e.g. a newest-first export): they are sorted by time. */
  code: 'time-sorted';
  count: number;
}

/** Fewer usable rows than this cannot support a time split, a calibration slice and CV folds. */
export const MIN_TRAINING_ROWS = 200;

const MS_PER_HOUR = 3_600_000;

export type MappedDataset =
  | {
      ok: true;
      table: TrainingTable;
      definition: PackDefinition;
      cleaning: CleaningStep[];
      notices: MappingNotice[];
    }
  | { ok: false; problems: MappingProblem[] };

function numeric(columns: readonly SourceColumn[], name: string): Float64Array | undefined {
  const c = columns.find((col) => col.name === name);
  return c && c.kind === 'number' ? c.values : undefined;
}

/**
 * Value of `values` at time t − lag (exact step match within half a step), NaN when absent.
 * `time` must be finite and ascending.
 */
function laggedValues(time: Float64Array, values: Float64Array, lagMs: number): Float64Array {
  const steps: number[] = [];
  for (let i = 1; i < time.length && steps.length < 1000; i++) {
    const d = (time[i] as number) - (time[i - 1] as number);
    if (d > 0) steps.push(d);
  }
  steps.sort((a, b) => a - b);
  const tolerance = (steps[steps.length >> 1] ?? MS_PER_HOUR) / 2;
  const out = new Float64Array(time.length).fill(Number.NaN);
  let j = 0;
  for (let i = 0; i < time.length; i++) {
    const want = (time[i] as number) - lagMs;
    while (j < time.length - 1 && (time[j + 1] as number) <= want + tolerance) j++;
    if (Math.abs((time[j] as number) - want) <= tolerance) out[i] = values[j] as number;
  }
  return out;
}

/** Lagged values looked up within each group only (one plant's rain is not another's). */
function laggedWithinGroups(
  time: Float64Array,
  values: Float64Array,
  lagMs: number,
  order: readonly number[],
  groupOf: GroupOf,
): Float64Array {
  const out = new Float64Array(time.length).fill(Number.NaN);
  for (let s = 0; s < order.length;) {
    const g = groupOf(order[s] as number);
    let e = s;
    while (e < order.length && groupOf(order[e] as number) === g) e++;
    const rows = order.slice(s, e);
    const lag = laggedValues(
      Float64Array.from(rows, (i) => time[i] as number),
      Float64Array.from(rows, (i) => values[i] as number),
      lagMs,
    );
    rows.forEach((i, k) => (out[i] = lag[k] as number));
    s = e;
  }
  return out;
}

/** `YYYY-MM-DD HH:mm` of a wall-clock time (records encode wall-clock times as UTC ms). */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function validate(columns: readonly SourceColumn[], m: TrainingMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const time = columns.find((c) => c.name === m.timeColumn);
  if (!time) problems.push({ code: 'no-time-column', column: m.timeColumn });
  else if (time.kind !== 'datetime')
    problems.push({ code: 'time-not-datetime', column: m.timeColumn });
  const requireNumeric = (name: string) => {
    const c = columns.find((col) => col.name === name);
    if (!c) problems.push({ code: 'missing-column', column: name });
    else if (c.kind !== 'number') problems.push({ code: 'not-numeric', column: name });
  };
  requireNumeric(m.target.column);
  if (m.settledColumn) requireNumeric(m.settledColumn);
  const ids = new Set<string>();
  for (const f of m.features) {
    requireNumeric(f.column);
    if (ids.has(f.id)) problems.push({ code: 'duplicate-input-id', column: f.column });
    ids.add(f.id);
  }
  if (m.groupColumn && !columns.some((c) => c.name === m.groupColumn)) {
    problems.push({ code: 'missing-column', column: m.groupColumn });
  }
  return problems;
}

export function buildMappedDataset(
  columns: readonly SourceColumn[],
  m: TrainingMapping,
): MappedDataset {
  const structural = validate(columns, m);
  if (structural.length) return { ok: false, problems: structural };
  const time = columns.find((c) => c.name === m.timeColumn)?.values as Float64Array;
  const target = numeric(columns, m.target.column) as Float64Array;
  const settled = m.settledColumn ? numeric(columns, m.settledColumn) : undefined;
  const groupCol = m.groupColumn ? columns.find((c) => c.name === m.groupColumn) : undefined;
  const groupOf = (i: number): string => {
    if (!groupCol) return 'all';
    const v = groupCol.values[i];
    return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))
      ? ''
      : String(v);
  };

  // Rows are read in (plant, time) order: a newest-first export trains like an oldest-first one.
  const outOfOrder = checkTimeAxis(time, groupOf).outOfOrder;
  const order = timeOrder(time, groupOf);
  const featureValues = m.features.map((f) => numeric(columns, f.column) as Float64Array);
  const lagged = m.features.map((f, k) =>
    f.lagHours
      ? laggedWithinGroups(
          time,
          featureValues[k] as Float64Array,
          f.lagHours * MS_PER_HOUR,
          order,
          groupOf,
        )
      : undefined,
  );

  const cleaning: CleaningStep[] = [];
  const [lo, hi] = m.target.physicalRange;
  const noTime = time.length - order.length;
  let noTarget = 0;
  let outOfRange = 0;
  let noGroup = 0;
  const rows: CleanRow[] = [];
  /** Source row of each entry of `rows`. */
  const kept: number[] = [];
  for (const i of order) {
    const t = time[i] as number;
    const y = target[i] as number;
    if (!Number.isFinite(y)) {
      noTarget++;
      continue;
    }
    if (y < lo || y > hi) {
      outOfRange++;
      continue;
    }
    const group = groupOf(i);
    if (group === '') {
      noGroup++;
      continue;
    }
    const inputs: Record<string, number | string | null> = { time: t, dose: y };
    if (groupCol) inputs.group = group;
    m.features.forEach((f, k) => {
      const v = featureValues[k]?.[i] as number;
      // A reading outside its physical range is a sensor fault: blanked, not trusted.
      inputs[f.id] =
        Number.isFinite(v) && v >= f.physicalRange[0] && v <= f.physicalRange[1] ? v : null;
      const lag = lagged[k];
      if (lag)
        inputs[`${f.id}_lag${f.lagHours}h`] = Number.isFinite(lag[i] as number)
          ? (lag[i] as number)
          : null;
    });
    kept.push(i);
    rows.push({
      group,
      time: t,
      target: y,
      settled: settled ? (settled[i] as number) : Number.NaN,
      inputs,
    });
  }
  cleaning.push({ rule: 'missing-time', removed: noTime, detail: `no valid ${m.timeColumn}` });
  cleaning.push({ rule: 'missing-target', removed: noTarget, detail: `no ${m.target.column}` });
  cleaning.push({
    rule: 'target-outside-physical-range',
    removed: outOfRange,
    detail: `${m.target.column} outside ${lo}–${hi} ${m.target.unit}`,
  });
  if (groupCol)
    cleaning.push({ rule: 'missing-group', removed: noGroup, detail: `no ${m.groupColumn}` });
  if (outOfOrder > 0)
    cleaning.push({
      rule: 'sorted-by-time',
      removed: 0,
      detail: `${outOfOrder} rows were out of time order; all rows sorted by ${m.timeColumn}`,
    });

  // What the rows that will be trained on cannot support, all said at once.
  const problems: MappingProblem[] = [];
  const repeated = checkTimeAxis(
    Float64Array.from(rows, (r) => r.time),
    (k) => (rows[k] as CleanRow).group,
  );
  if (repeated.duplicates > 0)
    problems.push({
      code: 'time-duplicated',
      column: m.timeColumn,
      count: repeated.duplicates,
      example: stamp(repeated.firstDuplicate as number),
    });
  if (rows.length < MIN_TRAINING_ROWS)
    problems.push({ code: 'too-few-rows', count: rows.length, needed: MIN_TRAINING_ROWS });
  else if (rows.every((r) => r.target === rows[0]?.target))
    problems.push({ code: 'constant-target', column: m.target.column });
  m.features.forEach((f, k) => {
    const v = featureValues[k] as Float64Array;
    // Read on the rows with a dose, as the model would see them (out-of-range values blanked).
    let finite = 0;
    let first = Number.NaN;
    let varies = false;
    for (const r of rows) {
      const x = r.inputs[f.id];
      if (typeof x === 'number') {
        if (finite === 0) first = x;
        else if (x !== first) varies = true;
        finite++;
      }
    }
    if (finite > 0) {
      if (!varies) problems.push({ code: 'constant-feature', column: f.column });
      return;
    }
    const anyReading = kept.some((i) => Number.isFinite(v[i]));
    problems.push({
      code: anyReading ? 'feature-outside-range' : 'all-missing-feature',
      column: f.column,
    });
  });
  if (problems.length > 0) return { ok: false, problems };

  const table = assembleTable(rows, ['time', ...m.features.map((f) => f.id)]);
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const definition = definitionFor(m, groups, spansSeasons(table.time));
  definition.cleaning = cleaning;
  return {
    ok: true,
    table,
    definition,
    cleaning,
    notices: outOfOrder > 0 ? [{ code: 'time-sorted', count: outOfOrder }] : [],
  };
}

function definitionFor(m: TrainingMapping, groups: string[], seasonal: boolean): PackDefinition {
  const inputs: InputSpec[] = [
    {
      id: 'time',
      label: { es: 'Fecha y hora', en: 'Date and time' },
      kind: 'datetime',
      unit: '',
      optional: false,
      role: 'context',
    },
    {
      id: 'prev_time',
      label: { es: 'Fecha y hora del registro anterior', en: 'Previous record date and time' },
      kind: 'datetime',
      unit: '',
      optional: true,
      role: 'previous',
    },
  ];
  if (m.groupColumn) {
    inputs.push({
      id: 'group',
      label: { es: 'Planta', en: 'Plant' },
      kind: 'category',
      unit: '',
      categories: groups,
      optional: false,
      role: 'context',
    });
  }
  const features: UnfittedFeature[] = [];
  for (const f of m.features) {
    const base = {
      kind: 'number' as const,
      unit: f.unit,
      physicalRange: f.physicalRange,
      ...(f.quantity ? { quantity: f.quantity } : {}),
    };
    inputs.push({ id: f.id, label: f.label, ...base, optional: true, role: 'reading' });
    inputs.push({
      id: `prev_${f.id}`,
      label: { es: `${f.label.es} (registro anterior)`, en: `${f.label.en} (previous record)` },
      ...base,
      optional: true,
      role: 'previous',
    });
    features.push({
      name: f.id,
      input: f.id,
      transform: { kind: f.log ? 'log1p' : 'identity' },
      clipToTraining: true,
    });
    if (f.log) {
      features.push({
        name: `${f.id}_change`,
        input: f.id,
        transform: { kind: 'log1pDelta', previous: `prev_${f.id}` },
        clipToTraining: true,
      });
    }
    if (f.lagHours) {
      const id = `${f.id}_lag${f.lagHours}h`;
      inputs.push({
        id,
        label: {
          es: `${f.label.es} hace ${f.lagHours} h`,
          en: `${f.label.en} ${f.lagHours} h earlier`,
        },
        ...base,
        optional: true,
        role: 'reading',
      });
      features.push({
        name: id,
        input: id,
        transform: { kind: f.log ? 'log1p' : 'identity' },
        clipToTraining: true,
      });
    }
  }
  features.push(
    ...timeContextFeatures({ seasonal }),
    ...(m.groupColumn
      ? groups.map((g): UnfittedFeature => ({
          name: `group_${g}`,
          input: 'group',
          transform: { kind: 'oneHot', category: g },
        }))
      : []),
  );
  const target: TargetSpec = {
    id: 'coagulant_dose',
    label: m.target.label,
    unit: m.target.unit,
    physicalRange: m.target.physicalRange,
    transform: 'log1p',
  };
  inputs.push({
    id: 'dose',
    label: { es: 'Dosis aplicada', en: 'Applied dose' },
    kind: 'number',
    unit: m.target.unit,
    quantity: 'dose',
    physicalRange: m.target.physicalRange,
    optional: false,
    role: 'dose',
  });
  const def: PackDefinition = {
    id: m.packId,
    title: m.title,
    dataSource: {
      name: m.source.name,
      url: '',
      licence: m.source.licence,
      attribution: m.source.attribution,
    },
    inputs,
    dose: { target, features },
    cleaning: [],
  };
  if (m.settledColumn) {
    def.settled = {
      target: {
        id: 'settled_turbidity',
        label: { es: 'Turbiedad de agua sedimentada', en: 'Settled-water turbidity' },
        unit: 'NTU',
        physicalRange: [0, 10000],
        transform: 'log1p',
      },
      features: [
        ...features,
        // Settled turbidity never rises with more coagulant (see the AguaClara pack definition).
        {
          name: 'log_applied_dose',
          input: 'dose',
          transform: { kind: 'log1p' },
          clipToTraining: true,
          monotone: 'decreasing',
        },
      ],
    };
  }
  return def;
}
