import { formatWallClock, type InputRecord, type InputValue } from '../../domain/input-record';
import { toCsv, type CsvCell, type CsvOptions } from '../csv-export';

/**
 * The operator log: what was applied at each report, with the recommendation and the inputs it
 * was computed from. Pure types and functions here; IndexedDB storage in log-db.ts.
 *
 * Times: `reportTime` is the report's wall-clock time as the form held it (ms encoded as UTC,
 * like every date-time in an InputRecord); `recordedAt` / `updatedAt` are real instants (epoch ms)
 * of writing and last editing the entry.
 */

/** The recommendation shown when the entry was recorded (null: no prediction was available). */
export interface LoggedPrediction {
  /** mg/L. */
  dose: number;
  lo: number;
  hi: number;
  /** Settled-turbidity forecast at the recommended dose, NTU (null: the pack has no such head). */
  settled: number | null;
  /** Members' spread relative to the dose. */
  disagreement: number;
  jarTestRequired: boolean;
  /** Reason codes of the warnings shown with the dose. */
  warnings: string[];
}

export interface OperatorLogEntry {
  id: string;
  recordedAt: number;
  updatedAt: number;
  packId: string;
  /** Wall-clock ms (as UTC) of the report. */
  reportTime: number;
  plant: string | null;
  /** The inputs exactly as the engine received them. */
  inputs: Record<string, InputValue>;
  prediction: LoggedPrediction | null;
  /** Dose actually applied, mg/L. */
  appliedDose: number;
  /** Dose the jar test gave, mg/L, when one was done. */
  jarTestDose: number | null;
  /** Settled-water turbidity observed later, NTU (filled in afterwards). */
  settledObserved: number | null;
  note: string;
}

export type NewLogEntry = Omit<OperatorLogEntry, 'id' | 'recordedAt' | 'updatedAt'>;

/** What may be edited after recording. */
export type LogEntryEdit = Partial<
  Pick<OperatorLogEntry, 'appliedDose' | 'jarTestDose' | 'settledObserved' | 'note'>
>;

export const NOTE_MAX_LENGTH = 2000;

/** A dose or turbidity an entry may hold: finite and ≥ 0. */
export function isLoggableAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

const isOptionalAmount = (v: unknown): v is number | null => v === null || isLoggableAmount(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function normaliseInputs(raw: unknown): Record<string, InputValue> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Record<string, InputValue> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || typeof v === 'string' || isFiniteNumber(v)) out[k] = v;
    else return null;
  }
  return out;
}

function normalisePrediction(raw: unknown): LoggedPrediction | null | undefined {
  if (raw === null) return null;
  if (typeof raw !== 'object' || raw === undefined) return undefined;
  const p = raw as Record<string, unknown>;
  if (!isFiniteNumber(p.dose) || !isFiniteNumber(p.lo) || !isFiniteNumber(p.hi)) return undefined;
  if (!(p.settled === null || isFiniteNumber(p.settled))) return undefined;
  if (typeof p.disagreement !== 'number' || typeof p.jarTestRequired !== 'boolean')
    return undefined;
  if (!Array.isArray(p.warnings) || !p.warnings.every((w) => typeof w === 'string'))
    return undefined;
  return {
    dose: p.dose,
    lo: p.lo,
    hi: p.hi,
    settled: p.settled,
    disagreement: p.disagreement,
    jarTestRequired: p.jarTestRequired,
    warnings: [...(p.warnings as string[])],
  };
}

/**
 * A stored entry checked field by field (IndexedDB holds whatever an older or newer app version,
 * or a user with dev tools, wrote). Returns null for anything that is not a valid entry.
 */
export function normaliseEntry(raw: unknown): OperatorLogEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Record<string, unknown>;
  const inputs = normaliseInputs(e.inputs);
  const prediction = normalisePrediction(e.prediction);
  if (
    typeof e.id !== 'string' ||
    e.id === '' ||
    !isFiniteNumber(e.recordedAt) ||
    !isFiniteNumber(e.updatedAt) ||
    typeof e.packId !== 'string' ||
    !isFiniteNumber(e.reportTime) ||
    !(e.plant === null || typeof e.plant === 'string') ||
    inputs === null ||
    prediction === undefined ||
    !isLoggableAmount(e.appliedDose) ||
    !isOptionalAmount(e.jarTestDose) ||
    !isOptionalAmount(e.settledObserved) ||
    typeof e.note !== 'string'
  )
    return null;
  return {
    id: e.id,
    recordedAt: e.recordedAt,
    updatedAt: e.updatedAt,
    packId: e.packId,
    reportTime: e.reportTime,
    plant: e.plant,
    inputs,
    prediction,
    appliedDose: e.appliedDose,
    jarTestDose: e.jarTestDose,
    settledObserved: e.settledObserved,
    note: e.note.slice(0, NOTE_MAX_LENGTH),
  };
}

/** A new entry with its id and timestamps; throws RangeError on an invalid draft. */
export function createEntry(draft: NewLogEntry, id: string, now: number): OperatorLogEntry {
  const entry = normaliseEntry({ ...draft, id, recordedAt: now, updatedAt: now });
  if (!entry) throw new RangeError('operator log: invalid entry');
  return entry;
}

/** The entry with an edit applied; throws RangeError when the result is invalid. */
export function applyEdit(
  entry: OperatorLogEntry,
  edit: LogEntryEdit,
  now: number,
): OperatorLogEntry {
  const next = normaliseEntry({ ...entry, ...edit, updatedAt: now });
  if (!next) throw new RangeError('operator log: invalid edit');
  return next;
}

/** Newest report first; ties broken by the later recording. */
export function sortNewestFirst(entries: readonly OperatorLogEntry[]): OperatorLogEntry[] {
  return [...entries].sort((a, b) => b.reportTime - a.reportTime || b.recordedAt - a.recordedAt);
}

export interface LogFilter {
  /** Wall-clock ms: keep reports at or after this time. */
  from?: number;
  /** Wall-clock ms: keep reports before this time. */
  toExclusive?: number;
  /** Keep this plant only (undefined: every plant). */
  plant?: string;
}

/** Entries matching the filter, newest report first. NaN bounds are ignored. */
export function filterEntries(
  entries: readonly OperatorLogEntry[],
  filter: LogFilter,
): OperatorLogEntry[] {
  const { from, toExclusive, plant } = filter;
  return sortNewestFirst(
    entries.filter(
      (e) =>
        !(from !== undefined && Number.isFinite(from) && e.reportTime < from) &&
        !(
          toExclusive !== undefined &&
          Number.isFinite(toExclusive) &&
          e.reportTime >= toExclusive
        ) &&
        !(plant !== undefined && e.plant !== plant),
    ),
  );
}

/** Plants that appear in the log, sorted. */
export function plantsInLog(entries: readonly OperatorLogEntry[]): string[] {
  return [...new Set(entries.map((e) => e.plant).filter((p): p is string => p !== null))].sort();
}

/**
 * The latest entry (by report time) for a plant, optionally only reports before a time: the
 * "previous report" the form prefills from. plant null: any plant.
 */
export function latestEntry(
  entries: readonly OperatorLogEntry[],
  plant: string | null,
  before?: number,
): OperatorLogEntry | undefined {
  let best: OperatorLogEntry | undefined;
  for (const e of entries) {
    if (plant !== null && e.plant !== plant) continue;
    if (before !== undefined && Number.isFinite(before) && !(e.reportTime < before)) continue;
    if (
      !best ||
      e.reportTime > best.reportTime ||
      (e.reportTime === best.reportTime && e.recordedAt > best.recordedAt)
    )
      best = e;
  }
  return best;
}

/**
 * The inputs of the last `count` reports of a plant before `before`, oldest first: the `recent`
 * argument of the engine's sensor checks (rate of change, flatline).
 */
export function recentInputs(
  entries: readonly OperatorLogEntry[],
  plant: string | null,
  before: number,
  count: number,
): InputRecord[] {
  if (count <= 0) return [];
  return sortNewestFirst(
    entries.filter(
      (e) =>
        (plant === null || e.plant === plant) &&
        (!Number.isFinite(before) || e.reportTime < before),
    ),
  )
    .slice(0, count)
    .reverse()
    .map((e) => e.inputs);
}

/** CSV columns besides the inputs, in file order. */
export const LOG_CSV_COLUMNS = [
  'reportTime',
  'plant',
  'packId',
  'recommendedDose',
  'intervalLo',
  'intervalHi',
  'settledForecast',
  'jarTestRequired',
  'warnings',
  'appliedDose',
  'jarTestDose',
  'settledObserved',
  'note',
  'recordedAt',
] as const;
export type LogCsvColumn = (typeof LOG_CSV_COLUMNS)[number];

export interface LogCsvInputColumn {
  id: string;
  header: string;
  /** Date-time inputs are written as 'YYYY-MM-DD HH:mm'. */
  datetime?: boolean;
}

export interface LogCsvOptions extends CsvOptions {
  /** Header text of each fixed column (translated by the caller). */
  headers: Record<LogCsvColumn, string>;
  /** Input columns, placed after the plant (the caller picks and labels them). */
  inputs: readonly LogCsvInputColumn[];
  /** Text for true / false in the jar-test column. */
  yes: string;
  no: string;
  /** Local wall-clock ms of a real instant (the tablet's clock), for `recordedAt`. */
  localWallClock: (epochMs: number) => number;
}

/** Input ids used by any entry, in first-seen order. */
export function inputIdsInLog(entries: readonly OperatorLogEntry[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) for (const id of Object.keys(e.inputs)) ids.add(id);
  return [...ids];
}

/** The log as a CSV file (text cells neutralised against formula injection by toCsv). */
export function operatorLogCsv(
  entries: readonly OperatorLogEntry[],
  options: LogCsvOptions,
): string {
  const { headers, inputs, yes, no, localWallClock, ...csv } = options;
  const fixed = (c: LogCsvColumn) => headers[c];
  const header = [
    fixed('reportTime'),
    fixed('plant'),
    ...inputs.map((i) => i.header),
    ...LOG_CSV_COLUMNS.slice(2).map(fixed),
  ];
  const rows: CsvCell[][] = entries.map((e) => {
    const p = e.prediction;
    const inputCells = inputs.map(({ id, datetime }) => {
      const v = e.inputs[id];
      if (v === undefined || v === null) return null;
      return datetime && typeof v === 'number' ? formatWallClock(v) : v;
    });
    return [
      formatWallClock(e.reportTime),
      e.plant,
      ...inputCells,
      e.packId,
      p?.dose ?? null,
      p?.lo ?? null,
      p?.hi ?? null,
      p?.settled ?? null,
      p ? (p.jarTestRequired ? yes : no) : null,
      p ? p.warnings.join(' ') : null,
      e.appliedDose,
      e.jarTestDose,
      e.settledObserved,
      e.note,
      formatWallClock(localWallClock(e.recordedAt)),
    ];
  });
  return toCsv(header, rows, csv);
}
