import type { InputRecord, InputValue } from '../../domain/input-record';
import type { HeadSpec, InputSpec, PackManifest } from '../../domain/pack-manifest';
import type { InputIssue } from './engine-api';
import {
  FLATLINE_EXEMPT_QUANTITIES,
  JAR_TEST_BAND_MARGIN,
  SENSOR_FLATLINE_REPORTS,
  SENSOR_JUMP_FACTOR,
} from './thresholds';

/**
 * Input checks that need no model: what the operator typed against what the pack declares.
 * Pure functions (no TF.js), shared by single predictions, the batch worker and the UI.
 */

/** explain / whatIf / reverse on a record with errors: the same issues predict returns. */
export class EngineInputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(`invalid input: ${issues.map((i) => `${i.input} ${i.code}`).join(', ')}`);
    this.name = 'EngineInputError';
  }
}

export interface RecordCheck {
  /** Errors: the record is rejected, no dose. */
  errors: InputIssue[];
  /** Warnings found from the inputs alone (outside-training-range). */
  warnings: InputIssue[];
  /** A warning above demands a jar test (a value beyond the widened p1–p99 band). */
  jarTest: boolean;
}

/** Input ids a head reads: each feature's input, its `previous` and its `group`. */
export function headInputIds(head: HeadSpec): Set<string> {
  const ids = new Set<string>();
  for (const f of head.features) {
    ids.add(f.input);
    const t = f.transform;
    if (t.kind === 'log1pDelta' || t.kind === 'hoursSince') ids.add(t.previous);
    if (t.kind === 'groupRatio') ids.add(t.group);
  }
  return ids;
}

/** Input ids some head reads on a log scale (log1p or log1pDelta): their bands are multiplicative. */
export function logScaleInputIds(manifest: PackManifest): Set<string> {
  const ids = new Set<string>();
  const heads = [manifest.heads.dose, manifest.heads.settled].filter((h) => h !== undefined);
  for (const h of heads) {
    for (const f of h.features) {
      if (f.transform.kind === 'log1p') ids.add(f.input);
      if (f.transform.kind === 'log1pDelta') {
        ids.add(f.input);
        ids.add(f.transform.previous);
      }
    }
  }
  return ids;
}

/**
 * The inputs `predict` checks: every input of the pack except the applied dose (role 'dose'),
 * which the engine sets itself to the recommended dose for the settled-turbidity forecast.
 */
export function checkedInputs(manifest: PackManifest): InputSpec[] {
  return manifest.inputs.filter((i) => i.role !== 'dose');
}

export function isEmpty(v: InputValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * [lo, hi] outside which a value demands a jar test: the training p1–p99 band widened by
 * JAR_TEST_BAND_MARGIN of its width (in log1p units for log-scale inputs). Without quantiles the
 * training range itself is the band.
 */
export function jarTestBand(spec: InputSpec, logScale: boolean): [number, number] | undefined {
  const q = spec.quantiles;
  if (!q) return spec.trainingRange;
  const p1 = q[0] as number;
  const p99 = q[4] as number;
  const log = logScale && p1 > -1;
  const f = (v: number) => (log ? Math.log1p(v) : v);
  const inv = (v: number) => (log ? Math.expm1(v) : v);
  const m = JAR_TEST_BAND_MARGIN * (f(p99) - f(p1));
  return [inv(f(p1) - m), inv(f(p99) + m)];
}

function checkOne(
  spec: InputSpec,
  v: InputValue | undefined,
  logScale: boolean,
  out: RecordCheck,
): void {
  const input = spec.id;
  if (isEmpty(v)) {
    if (!spec.optional) out.errors.push({ input, code: 'missing-value', severity: 'error' });
    return;
  }
  if (spec.kind === 'category') {
    if (typeof v !== 'string' || (spec.categories !== undefined && !spec.categories.includes(v)))
      out.errors.push({ input, code: 'unknown-category', severity: 'error' });
    return;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    out.errors.push({ input, code: 'not-a-number', severity: 'error' });
    return;
  }
  if (spec.kind !== 'number') return;
  const phys = spec.physicalRange;
  if (phys && (v < phys[0] || v > phys[1])) {
    out.errors.push({
      input,
      code: 'outside-physical-range',
      severity: 'error',
      detail: { value: v, min: phys[0], max: phys[1] },
    });
    return;
  }
  const train = spec.trainingRange;
  if (train && (v < train[0] || v > train[1])) {
    out.warnings.push({
      input,
      code: 'outside-training-range',
      severity: 'warning',
      detail: { value: v, min: train[0], max: train[1] },
    });
    const band = jarTestBand(spec, logScale);
    if (band && (v < band[0] || v > band[1])) out.jarTest = true;
  }
}

/**
 * Errors and range warnings for one record. Never throws, whatever the record holds.
 * Besides each input on its own: a previous report dated after the current one is impossible
 * ('outside-physical-range' on the previous datetime, value = hours between them).
 */
export function checkRecord(
  manifest: PackManifest,
  record: InputRecord,
  inputs: readonly InputSpec[] = checkedInputs(manifest),
  logScale: ReadonlySet<string> = logScaleInputIds(manifest),
): RecordCheck {
  const out: RecordCheck = { errors: [], warnings: [], jarTest: false };
  const rec = (record ?? {}) as Record<string, InputValue | undefined>;
  for (const spec of inputs) checkOne(spec, rec[spec.id], logScale.has(spec.id), out);
  for (const f of manifest.heads.dose.features) {
    if (f.transform.kind !== 'hoursSince') continue;
    const now = rec[f.input];
    const prev = rec[f.transform.previous];
    if (typeof now === 'number' && typeof prev === 'number' && prev > now) {
      const id = f.transform.previous;
      if (!out.errors.some((e) => e.input === id))
        out.errors.push({
          input: id,
          code: 'outside-physical-range',
          severity: 'error',
          detail: { value: (now - prev) / 3_600_000, min: 0 },
        });
    }
  }
  return out;
}

/**
 * Sensor checks over the recent reports (oldest first) and the current record, for every numeric
 * 'reading' input: a jump by more than SENSOR_JUMP_FACTOR since the last report,
 * and a value identical over SENSOR_FLATLINE_REPORTS reports (flow exempt). The caller passes
 * reports of the same plant.
 */
export function sensorChecks(
  manifest: PackManifest,
  record: InputRecord,
  recent: readonly InputRecord[],
  inputs: readonly InputSpec[] = checkedInputs(manifest),
): InputIssue[] {
  const issues: InputIssue[] = [];
  if (recent.length === 0) return issues;
  for (const spec of inputs) {
    if (spec.role !== 'reading' || spec.kind !== 'number') continue;
    const current = record[spec.id];
    if (typeof current !== 'number' || !Number.isFinite(current)) continue;
    const last = recent[recent.length - 1]?.[spec.id];
    if (typeof last === 'number' && Number.isFinite(last) && last >= 0 && current >= 0) {
      const c = Math.max(spec.quantiles?.[1] ?? 0, 1e-9);
      const factor = (Math.max(last, current) + c) / (Math.min(last, current) + c);
      if (factor > SENSOR_JUMP_FACTOR)
        issues.push({
          input: spec.id,
          code: 'sensor-rate-of-change',
          severity: 'warning',
          detail: { value: current, score: factor, threshold: SENSOR_JUMP_FACTOR },
        });
    }
    if (
      FLATLINE_EXEMPT_QUANTITIES.includes(spec.quantity ?? '') ||
      recent.length < SENSOR_FLATLINE_REPORTS - 1
    )
      continue;
    const window = recent.slice(recent.length - (SENSOR_FLATLINE_REPORTS - 1));
    if (window.every((r) => r[spec.id] === current))
      issues.push({
        input: spec.id,
        code: 'sensor-flatline',
        severity: 'warning',
        detail: { value: current, threshold: SENSOR_FLATLINE_REPORTS },
      });
  }
  return issues;
}
