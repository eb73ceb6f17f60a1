import { laggedCorrelation, regularStep } from '../../../data/analysis/rain-lag';
import type { Column, DataTable } from '../../../data/data-table';
import { parseDecimalInput } from '../../../domain/decimal-input';
import { guessQuantity, quantityById } from '../../../domain/quantities';
import { checkTimeAxis, timeOrder, type GroupOf } from '../../../domain/time-axis';
import { trainingMappingSchema, type TrainingMapping } from '../../../domain/training-mapping';

/**
 * The training wizard's state and rules, kept pure so they are unit-tested: what to suggest for
 * a table (time column, dose target, inputs with units, physical ranges, log scale and lags, all
 * from the column names and the known quantities), what blocks each step, and the column mapping
 * (`src/domain/training-mapping.ts`) the trainer receives. Number fields hold the text as typed
 * (decimal comma or point) and are read with `parseDecimalInput`.
 */
export type TargetKind = 'applied' | 'jar-test';
export type Budget = 'quick' | 'standard';
export type WizardStep = 'columns' | 'units' | 'budget';

export interface FeatureDraft {
  column: string;
  selected: boolean;
  /** Known quantity id (turbidity, colour, ph, …) guessed from the header, or null. */
  quantity: string | null;
  /** Input id in the pack. */
  id: string;
  unit: string;
  min: string;
  max: string;
  log: boolean;
  /**
   * Whether to offer a lag: quantities that accumulate (rain) and upstream sensors reach the
   * intake later.
   */
  lagOffered: boolean;
  lagHours: string;
  /** Peak of the lagged correlation with the intake turbidity on this table (lag finder). */
  lagSuggestion: { hours: number; r: number } | null;
  /** Smallest and largest finite value in the table. */
  observed: [number, number] | null;
}

export interface WizardDraft {
  timeColumn: string;
  targetColumn: string;
  targetKind: TargetKind;
  targetUnit: string;
  targetMin: string;
  targetMax: string;
  /** '' = none. */
  groupColumn: string;
  /** '' = none. */
  settledColumn: string;
  /** Every numeric column of the table in table order (the target's and settled's are skipped). */
  features: FeatureDraft[];
  name: string;
  budget: Budget;
  seed: number;
}

export type WizardProblem =
  | { code: 'no-time' | 'no-target' | 'no-features' | 'name-empty' }
  | { code: 'range-invalid' | 'lag-invalid'; column: string };

export const DEFAULT_SEED = 42;
/** Longest lag searched for a suggestion, hours. */
export const LAG_SEARCH_HOURS = 48;
/** Quantities modelled on a log scale: concentrations that span orders of magnitude. */
const LOG_QUANTITIES = new Set(['turbidity', 'colour']);
/** Ids the mapping derives itself (`src/ml/training/mapped-dataset.ts`). */
const RESERVED_IDS = new Set(['time', 'group', 'dose', 'date', 'hours_since_previous']);

const JAR_TEST = /jarra|jar[\s_-]?test|ensayo/i;
const SETTLED = /sediment|decant|settled|clarif/i;
const PLANT = /planta|plant|sitio|site|estaci/i;
/** A sensor upstream of the intake: what it reads reaches the plant later. */
const UPSTREAM = /aguas?\s*arriba|r[ií]o\s*arriba|upstream/i;
/** The plant's own raw-water reading. */
const INTAKE = /cruda|raw|bocatoma|intake|captad|captaci/i;

type NumberColumn = Extract<Column, { kind: 'number' }>;

/** The known quantity of a column: from its header, else from the unit the ingest found in it. */
export function columnQuantity(c: { name: string; unit?: string }) {
  return guessQuantity(c.name) ?? (c.unit ? guessQuantity(c.unit) : undefined);
}

/** A number as typed in the UI language (decimal comma in Spanish), never with grouping. */
export function numberText(value: number, lang: string): string {
  const s = String(Number(value.toPrecision(6)));
  return lang === 'es' ? s.replace('.', ',') : s;
}

/** "Turbiedad agua cruda (NTU)" → "Turbiedad agua cruda". */
export function stripUnit(header: string): string {
  return header.replace(/\s*[([][^)\]]*[)\]]\s*$/, '').trim() || header;
}

function observedRange(values: Float64Array): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A physical range for an unknown quantity: the observed range widened by its own span. */
function widened([lo, hi]: [number, number]): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  const a = lo >= 0 ? 0 : Math.floor(lo - span);
  return [a, Math.ceil(hi + span)];
}

function inputId(column: string, quantity: string | null, taken: Set<string>): string {
  let base =
    quantity ??
    column
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40);
  if (!/^[a-z]/.test(base) || RESERVED_IDS.has(base) || base.startsWith('prev_'))
    base = `x_${base}`.replace(/_+$/, '');
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  taken.add(id);
  return id;
}

/**
 * The lag at which a leading series (rain, an upstream sensor) best predicts the intake turbidity
 * on this table (peak of the lagged Pearson correlation, up to LAG_SEARCH_HOURS), when the time
 * axis is regular and the peak is at least weak (r ≥ 0.1). Otherwise null.
 */
export function suggestLag(
  time: Float64Array,
  rain: Float64Array,
  turbidity: Float64Array,
): { hours: number; r: number } | null {
  let step: number;
  try {
    step = regularStep(time);
  } catch {
    return null;
  }
  const maxLag = Math.floor((LAG_SEARCH_HOURS * 3_600_000) / step);
  if (maxLag < 1) return null;
  const curve = laggedCorrelation(rain, turbidity, maxLag, { peak: 'max' });
  if (curve.peakLag < 1 || !(curve.peakR >= 0.1)) return null;
  const hours = (curve.peakLag * step) / 3_600_000;
  return Number.isInteger(hours) ? { hours, r: curve.peakR } : null;
}

/** The wizard's first guess for a table. */
export function suggestDraft(table: DataTable, datasetName: string, lang: string): WizardDraft {
  const time = table.columns.find((c) => c.kind === 'datetime');
  const numbers = table.columns.filter((c): c is NumberColumn => c.kind === 'number');
  const doses = numbers.filter((c) => columnQuantity(c)?.id === 'dose');
  const target = doses.find((c) => JAR_TEST.test(c.name)) ?? doses[0];
  const settled = numbers.find(
    (c) => c !== target && SETTLED.test(c.name) && columnQuantity(c)?.id === 'turbidity',
  );
  const group = table.columns.find((c) => c.kind === 'category' && PLANT.test(c.name));
  // The intake turbidity the lags are measured against: the raw-water one, not an upstream sensor.
  const turbidities = numbers.filter(
    (c) => c !== settled && c !== target && columnQuantity(c)?.id === 'turbidity',
  );
  const turbidity =
    turbidities.find((c) => INTAKE.test(c.name)) ??
    turbidities.find((c) => !UPSTREAM.test(c.name)) ??
    turbidities[0];

  const taken = new Set<string>();
  const features: FeatureDraft[] = numbers.map((c) => {
    const q = columnQuantity(c);
    const observed = observedRange(c.values);
    const range = q?.physicalRange ?? (observed ? widened(observed) : ([0, 1] as const));
    return {
      column: c.name,
      selected: q !== undefined && q.id !== 'dose' && c !== settled && c !== target,
      quantity: q?.id ?? null,
      id: inputId(c.name, q?.id ?? null, taken),
      unit: q?.unit ?? c.unit ?? '',
      min: numberText(range[0], lang),
      max: numberText(range[1], lang),
      log: q !== undefined && LOG_QUANTITIES.has(q.id),
      // Rain accumulates and upstream readings travel: both reach the intake later.
      lagOffered: q?.aggregation === 'sum' || (UPSTREAM.test(c.name) && c !== turbidity),
      lagHours: '0',
      lagSuggestion: null,
      observed,
    };
  });

  // Rain and upstream columns: the lag at which they best predict the intake turbidity, read in
  // time order (a newest-first export is sorted before training, so its lags are found the same way).
  if (time && turbidity) {
    const order = timeOrder(time.values);
    const sorted = (v: Float64Array) => Float64Array.from(order, (i) => v[i] as number);
    const sortedTime = sorted(time.values);
    const sortedTurbidity = sorted(turbidity.values);
    for (const f of features) {
      if (!f.lagOffered) continue;
      const leading = numbers.find((c) => c.name === f.column);
      const s = leading ? suggestLag(sortedTime, sorted(leading.values), sortedTurbidity) : null;
      if (s) {
        f.lagSuggestion = s;
        f.lagHours = String(s.hours);
      }
    }
  }

  const dose = quantityById('dose');
  const targetRange = dose?.physicalRange ?? [0, 500];
  return {
    timeColumn: time?.name ?? '',
    targetColumn: target?.name ?? '',
    targetKind: target && !JAR_TEST.test(target.name) ? 'applied' : 'jar-test',
    targetUnit: dose?.unit ?? target?.unit ?? 'mg/L',
    targetMin: numberText(targetRange[0], lang),
    targetMax: numberText(targetRange[1], lang),
    groupColumn: group?.name ?? '',
    settledColumn: settled?.name ?? '',
    features,
    name: datasetName.replace(/\.[a-z0-9]{1,4}$/i, ''),
    budget: 'quick',
    seed: DEFAULT_SEED,
  };
}

/** The feature rows the analyst chooses among: every numeric column but the target and settled. */
export function featureChoices(draft: WizardDraft): FeatureDraft[] {
  return draft.features.filter(
    (f) => f.column !== draft.targetColumn && f.column !== draft.settledColumn,
  );
}

export function selectedFeatures(draft: WizardDraft): FeatureDraft[] {
  return featureChoices(draft).filter((f) => f.selected);
}

function parseRange(min: string, max: string): [number, number] | null {
  const a = parseDecimalInput(min);
  const b = parseDecimalInput(max);
  return a.kind === 'number' && b.kind === 'number' && a.value < b.value
    ? [a.value, b.value]
    : null;
}

function parseLag(text: string): number | null {
  const v = parseDecimalInput(text);
  if (v.kind === 'empty') return 0;
  return v.kind === 'number' && Number.isInteger(v.value) && v.value >= 0 && v.value <= 336
    ? v.value
    : null;
}

/** What blocks leaving a step (in the order the fields appear). */
export function stepProblems(draft: WizardDraft, step: WizardStep): WizardProblem[] {
  const out: WizardProblem[] = [];
  if (step === 'columns') {
    if (!draft.timeColumn) out.push({ code: 'no-time' });
    if (!draft.targetColumn) out.push({ code: 'no-target' });
    if (selectedFeatures(draft).length === 0) out.push({ code: 'no-features' });
  } else if (step === 'units') {
    if (!parseRange(draft.targetMin, draft.targetMax))
      out.push({ code: 'range-invalid', column: draft.targetColumn });
    for (const f of selectedFeatures(draft)) {
      if (!parseRange(f.min, f.max)) out.push({ code: 'range-invalid', column: f.column });
      if (f.lagOffered && parseLag(f.lagHours) === null)
        out.push({ code: 'lag-invalid', column: f.column });
    }
  } else if (!draft.name.trim()) out.push({ code: 'name-empty' });
  return out;
}

export interface MappingContext {
  packId: string;
  datasetName: string;
  synthetic: boolean;
  /** Label of a known quantity in each language. */
  quantityLabel: (quantity: string) => { es: string; en: string };
  /** Label of the target kind in each language. */
  targetLabel: { es: string; en: string };
}

/** The column mapping the trainer receives. Call only when no step has problems. */
export function toMapping(draft: WizardDraft, ctx: MappingContext): TrainingMapping {
  const range = (min: string, max: string) => parseRange(min, max) ?? [0, 1];
  const name = draft.name.trim();
  return trainingMappingSchema.parse({
    packId: ctx.packId,
    title: { es: name, en: name },
    source: {
      name: ctx.datasetName,
      licence: ctx.synthetic ? 'MIT' : 'private',
      attribution: ctx.synthetic
        ? 'Synthetic data generated for the app; not a real plant'
        : 'Plant data loaded in the browser',
    },
    timeColumn: draft.timeColumn,
    target: {
      column: draft.targetColumn,
      label: ctx.targetLabel,
      unit: draft.targetUnit.trim(),
      physicalRange: range(draft.targetMin, draft.targetMax),
    },
    ...(draft.settledColumn ? { settledColumn: draft.settledColumn } : {}),
    ...(draft.groupColumn ? { groupColumn: draft.groupColumn } : {}),
    features: selectedFeatures(draft).map((f) => {
      const label = stripUnit(f.column);
      const lag = f.lagOffered ? (parseLag(f.lagHours) ?? 0) : 0;
      return {
        column: f.column,
        id: f.id,
        label: f.quantity
          ? { es: label, en: ctx.quantityLabel(f.quantity).en }
          : { es: label, en: label },
        unit: f.unit.trim(),
        ...(f.quantity ? { quantity: f.quantity } : {}),
        physicalRange: range(f.min, f.max),
        log: f.log,
        ...(lag > 0 ? { lagHours: lag } : {}),
      };
    }),
    budget: draft.budget,
    seed: draft.seed,
  });
}

export type TableProblem = 'no-datetime' | 'too-few-numbers';

/** Why a table cannot be trained on at all: it needs a date-time column and two numeric ones. */
export function tableProblems(columns: readonly { kind: string }[]): TableProblem[] {
  const out: TableProblem[] = [];
  if (!columns.some((c) => c.kind === 'datetime')) out.push('no-datetime');
  if (columns.filter((c) => c.kind === 'number').length < 2) out.push('too-few-numbers');
  return out;
}

export function usableTable(columns: readonly { kind: string }[]): boolean {
  return tableProblems(columns).length === 0;
}

/**
 * How many rows are out of time order for the chosen time (and plant) column: the trainer sorts
 * them, and the wizard says so before training. 0 when in order or not yet chosen.
 */
export function outOfOrderRows(table: DataTable, draft: WizardDraft): number {
  const time = table.columns.find((c) => c.name === draft.timeColumn);
  if (!time || time.kind !== 'datetime') return 0;
  const group = draft.groupColumn
    ? table.columns.find((c) => c.name === draft.groupColumn)
    : undefined;
  const groupOf: GroupOf = (i) => {
    if (!group) return '';
    const v = group.values[i];
    return v === null || v === undefined ? '' : String(v);
  };
  return checkTimeAxis(time.values, groupOf).outOfOrder;
}
