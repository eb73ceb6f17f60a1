import type { InputSpec, TargetSpec } from '../../domain/pack-manifest';
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
  | 'time-not-sorted'
  | 'missing-column'
  | 'not-numeric'
  | 'too-few-rows'
  | 'constant-target'
  | 'constant-feature'
  | 'all-missing-feature'
  | 'duplicate-input-id';

export interface MappingProblem {
  code: MappingProblemCode;
  column?: string;
  /** Numbers for the message: rows found, rows needed. */
  count?: number;
  needed?: number;
}

/** Fewer usable rows than this cannot support a time split, a calibration slice and CV folds. */
export const MIN_TRAINING_ROWS = 200;

const MS_PER_HOUR = 3_600_000;

export type MappedDataset =
  | { ok: true; table: TrainingTable; definition: PackDefinition; cleaning: CleaningStep[] }
  | { ok: false; problems: MappingProblem[] };

function numeric(columns: readonly SourceColumn[], name: string): Float64Array | undefined {
  const c = columns.find((col) => col.name === name);
  return c && c.kind === 'number' ? c.values : undefined;
}

/** Value of `values` at time t − lag (exact step match within half a step), NaN when absent. */
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

function validate(columns: readonly SourceColumn[], m: TrainingMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const time = columns.find((c) => c.name === m.timeColumn);
  if (!time) problems.push({ code: 'no-time-column', column: m.timeColumn });
  else if (time.kind !== 'datetime')
    problems.push({ code: 'time-not-datetime', column: m.timeColumn });
  else {
    let last = -Infinity;
    for (const t of time.values) {
      if (Number.isNaN(t)) continue;
      if (t < last) {
        problems.push({ code: 'time-not-sorted', column: m.timeColumn });
        break;
      }
      last = t;
    }
  }
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
    const v = numeric(columns, f.column);
    if (!v) continue;
    const finite = Array.from(v).filter(Number.isFinite);
    if (finite.length === 0) problems.push({ code: 'all-missing-feature', column: f.column });
    else if (finite.every((x) => x === finite[0]))
      problems.push({ code: 'constant-feature', column: f.column });
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
  const problems = validate(columns, m);
  if (problems.length) return { ok: false, problems };
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

  const featureValues = m.features.map((f) => numeric(columns, f.column) as Float64Array);
  const lagged = m.features.map((f, k) =>
    f.lagHours
      ? laggedValues(time, featureValues[k] as Float64Array, f.lagHours * MS_PER_HOUR)
      : undefined,
  );

  const cleaning: CleaningStep[] = [];
  const [lo, hi] = m.target.physicalRange;
  let noTime = 0;
  let noTarget = 0;
  let outOfRange = 0;
  let noGroup = 0;
  const rows: CleanRow[] = [];
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    const y = target[i] as number;
    if (!Number.isFinite(t)) {
      noTime++;
      continue;
    }
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
  if (rows.length < MIN_TRAINING_ROWS) {
    return {
      ok: false,
      problems: [{ code: 'too-few-rows', count: rows.length, needed: MIN_TRAINING_ROWS }],
    };
  }
  if (rows.every((r) => r.target === rows[0]?.target)) {
    return { ok: false, problems: [{ code: 'constant-target', column: m.target.column }] };
  }

  const table = assembleTable(rows, ['time', ...m.features.map((f) => f.id)]);
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const definition = definitionFor(m, groups);
  definition.cleaning = cleaning;
  return { ok: true, table, definition, cleaning };
}

function definitionFor(m: TrainingMapping, groups: string[]): PackDefinition {
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
    {
      name: 'hours_since_previous',
      input: 'time',
      transform: { kind: 'hoursSince', previous: 'prev_time' },
      clipToTraining: true,
    },
    {
      name: 'month_sin',
      input: 'time',
      transform: { kind: 'cyclic', period: 'month', part: 'sin' },
    },
    {
      name: 'month_cos',
      input: 'time',
      transform: { kind: 'cyclic', period: 'month', part: 'cos' },
    },
    {
      name: 'hour_sin',
      input: 'time',
      transform: { kind: 'cyclic', period: 'hourOfDay', part: 'sin' },
    },
    {
      name: 'hour_cos',
      input: 'time',
      transform: { kind: 'cyclic', period: 'hourOfDay', part: 'cos' },
    },
    {
      name: 'date',
      input: 'time',
      transform: { kind: 'identity' },
      clipToTraining: true,
      treesOnly: true,
    },
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
        {
          name: 'log_applied_dose',
          input: 'dose',
          transform: { kind: 'log1p' },
          clipToTraining: true,
        },
      ],
    };
  }
  return def;
}
