import { parseDecimalInput } from '../../domain/decimal-input';
import type { InputRecord, InputValue } from '../../domain/input-record';
import type { InputSpec, PackManifest } from '../../domain/pack-manifest';
import { parseDateTimeLocal, toDateTimeLocal } from '../../domain/wall-clock';
import { latestEntry, type OperatorLogEntry } from '../../data/operator-log/log-entry';

/**
 * The Operate form as pure functions of the pack manifest, what the operator edited, the clock
 * and the operator log. Fields the operator has not touched take automatic values:
 *   - the plant: the one of the last log entry, else the pack's first category;
 *   - the report date-time: the device's clock (wall-clock);
 *   - previous-report fields: from the last log entry of the same plant before this report;
 *   - current readings: empty (a stale reading pre-filled would look like a flatline).
 */
export type FormValues = Readonly<Record<string, string>>;

/** Inputs the operator fills in: readings, previous-report values and context, never 'dose'. */
export function formInputs(manifest: PackManifest): InputSpec[] {
  return manifest.inputs.filter((i) => i.role !== 'dose');
}

/** The context date-time input (the report's time), if the pack has one. */
export function reportTimeInput(manifest: PackManifest): InputSpec | undefined {
  return manifest.inputs.find((i) => i.kind === 'datetime' && i.role === 'context');
}

/** The context category input (the plant), if the pack has one. */
export function plantInput(manifest: PackManifest): InputSpec | undefined {
  return manifest.inputs.find((i) => i.kind === 'category' && i.role === 'context');
}

/** Where a previous-report input's value comes from in a log entry. */
export type PreviousSource = { kind: 'input'; id: string } | { kind: 'appliedDose' };

export function previousSource(
  manifest: PackManifest,
  spec: InputSpec,
): PreviousSource | undefined {
  if (spec.role !== 'previous') return undefined;
  if (spec.quantity === 'dose') return { kind: 'appliedDose' };
  const heads = [manifest.heads.dose, manifest.heads.settled].filter((h) => h !== undefined);
  for (const h of heads)
    for (const f of h.features) {
      const t = f.transform;
      if ((t.kind === 'log1pDelta' || t.kind === 'hoursSince') && t.previous === spec.id)
        return { kind: 'input', id: f.input };
    }
  const stripped = spec.id.replace(/^prev_/, '');
  if (stripped !== spec.id && manifest.inputs.some((i) => i.id === stripped))
    return { kind: 'input', id: stripped };
  return undefined;
}

/** A number as the operator would type it: decimal comma in Spanish, no grouping. */
export function numberToField(value: number, language: string): string {
  if (!Number.isFinite(value)) return '';
  let text = String(Number(value.toPrecision(12)));
  if (/e/i.test(text)) text = value.toFixed(6).replace(/\.?0+$/, '');
  return language === 'es' ? text.replace('.', ',') : text;
}

/** An input value from a record or log entry, as field text. */
export function valueToField(spec: InputSpec, value: InputValue | undefined, language: string) {
  if (value === null || value === undefined) return '';
  if (spec.kind === 'datetime') return typeof value === 'number' ? toDateTimeLocal(value) : '';
  if (spec.kind === 'number')
    return typeof value === 'number' ? numberToField(value, language) : '';
  return String(value);
}

export interface AutoContext {
  /** Wall-clock ms of "now". */
  now: number;
  entries: readonly OperatorLogEntry[];
  language: string;
}

export interface ResolvedForm {
  /** Field text for every form input (edited or automatic). */
  values: Record<string, string>;
  /** Inputs whose value is automatic (not edited). */
  automatic: Set<string>;
  /** The log entry previous-report fields were taken from. */
  previousEntry: OperatorLogEntry | undefined;
  plant: string | null;
  /** Wall-clock ms of the report (NaN when the field is invalid). */
  reportTime: number;
}

/** Every field's text: the operator's edits, else the automatic value. */
export function resolveForm(
  manifest: PackManifest,
  edits: FormValues,
  ctx: AutoContext,
): ResolvedForm {
  const inputs = formInputs(manifest);
  const values: Record<string, string> = {};
  const automatic = new Set<string>();
  const plantSpec = plantInput(manifest);
  const timeSpec = reportTimeInput(manifest);

  let plant: string | null = null;
  if (plantSpec) {
    const edited = edits[plantSpec.id];
    if (edited !== undefined) plant = edited;
    else {
      automatic.add(plantSpec.id);
      const last = latestEntry(ctx.entries, null)?.plant;
      const cats = plantSpec.categories ?? [];
      plant = last && cats.includes(last) ? last : (cats[0] ?? null);
    }
    values[plantSpec.id] = plant ?? '';
  }

  let reportTime = Number.NaN;
  if (timeSpec) {
    const edited = edits[timeSpec.id];
    if (edited === undefined) automatic.add(timeSpec.id);
    const text = edited ?? toDateTimeLocal(ctx.now);
    values[timeSpec.id] = text;
    reportTime = parseDateTimeLocal(text);
  }

  const previousEntry = latestEntry(ctx.entries, plant, reportTime);
  for (const spec of inputs) {
    if (spec === plantSpec || spec === timeSpec) continue;
    const edited = edits[spec.id];
    if (edited !== undefined) {
      values[spec.id] = edited;
      continue;
    }
    automatic.add(spec.id);
    const source = previousSource(manifest, spec);
    if (!source || !previousEntry) {
      values[spec.id] = '';
      continue;
    }
    const v =
      source.kind === 'appliedDose' ? previousEntry.appliedDose : previousEntry.inputs[source.id];
    values[spec.id] = valueToField(spec, v, ctx.language);
  }
  return { values, automatic, previousEntry, plant, reportTime };
}

/**
 * The record the engine gets. Empty → null (the engine reports a missing required value);
 * text that is not a number or date → the text itself, so the engine reports 'not-a-number'.
 */
export function buildRecord(manifest: PackManifest, values: FormValues): InputRecord {
  const record: Record<string, InputValue> = {};
  for (const spec of formInputs(manifest)) {
    const text = values[spec.id] ?? '';
    if (text.trim() === '') {
      record[spec.id] = null;
      continue;
    }
    if (spec.kind === 'number') {
      const parsed = parseDecimalInput(text);
      record[spec.id] = parsed.kind === 'number' ? parsed.value : text;
    } else if (spec.kind === 'datetime') {
      const ms = parseDateTimeLocal(text);
      record[spec.id] = Number.isFinite(ms) ? ms : text;
    } else {
      record[spec.id] = text;
    }
  }
  return record;
}

/**
 * The input whose what-if curve is most telling: the numeric, non-'previous' input with the
 * largest absolute contribution (what-if sweeps numbers only).
 */
export function mostInfluentialNumber(
  manifest: PackManifest,
  contributions: readonly { input: string; value: number }[],
): string | undefined {
  const numeric = new Set(
    manifest.inputs.filter((i) => i.kind === 'number' && i.role === 'reading').map((i) => i.id),
  );
  let best: { input: string; value: number } | undefined;
  for (const c of contributions)
    if (numeric.has(c.input) && (!best || Math.abs(c.value) > Math.abs(best.value))) best = c;
  return best?.input;
}

/**
 * Plant flow in L/s for the pump: the pack's own flow reading when it is in L/s, else the
 * operator's setting (the AguaClara packs read flow in "plant units").
 */
export function pumpFlowLps(
  manifest: PackManifest,
  record: InputRecord,
  settingLps: number | null,
): { flow: number; from: 'reading' | 'setting' } | null {
  const spec = manifest.inputs.find(
    (i) => i.role === 'reading' && i.quantity === 'flow' && i.unit === 'L/s',
  );
  const v = spec ? record[spec.id] : undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return { flow: v, from: 'reading' };
  return settingLps !== null ? { flow: settingLps, from: 'setting' } : null;
}
