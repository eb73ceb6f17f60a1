import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../domain/math/random';
import { trainingMappingSchema, type TrainingMapping } from '../../domain/training-mapping';
import { buildMappedDataset, MIN_TRAINING_ROWS, type SourceColumn } from './mapped-dataset';
import { gbdtLearner } from './members/tree-members';
import { ridgeLearner } from './members/ridge-member';
import { trainPack } from './train-pack';

const HOUR = 3_600_000;

/** Hourly plant data: rain drives turbidity 3 h later; dose follows turbidity. */
function plantColumns(n: number, seed = 1): SourceColumn[] {
  const rng = createRng(seed);
  const time = new Float64Array(n);
  const rain = new Float64Array(n);
  const turb = new Float64Array(n);
  const dose = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * HOUR;
    rain[i] = rng.next() < 0.1 ? rng.uniform(0, 20) : 0;
    const driven = i >= 3 ? (rain[i - 3] as number) : 0;
    turb[i] = 5 + 4 * driven + rng.uniform(0, 1);
    dose[i] = 2 + 1.5 * Math.log1p(turb[i] as number) + 0.05 * rng.normal();
  }
  return [
    { name: 'Fecha', kind: 'datetime', values: time },
    { name: 'Lluvia (mm)', kind: 'number', values: rain },
    { name: 'Turbiedad (NTU)', kind: 'number', values: turb },
    { name: 'Dosis (mg/L)', kind: 'number', values: dose },
  ];
}

const mapping: TrainingMapping = trainingMappingSchema.parse({
  packId: 'mi-planta',
  title: { es: 'Mi planta', en: 'My plant' },
  source: { name: 'test', licence: 'private', attribution: 'test' },
  timeColumn: 'Fecha',
  target: {
    column: 'Dosis (mg/L)',
    label: { es: 'Dosis', en: 'Dose' },
    unit: 'mg/L',
    physicalRange: [0, 200],
  },
  features: [
    {
      column: 'Turbiedad (NTU)',
      id: 'turbidity',
      label: { es: 'Turbiedad', en: 'Turbidity' },
      unit: 'NTU',
      quantity: 'turbidity',
      physicalRange: [0, 4000],
      log: true,
    },
    {
      column: 'Lluvia (mm)',
      id: 'rain',
      label: { es: 'Lluvia', en: 'Rain' },
      unit: 'mm',
      quantity: 'rain',
      physicalRange: [0, 500],
      log: false,
      lagHours: 3,
    },
  ],
  budget: 'quick',
  seed: 3,
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildMappedDataset', () => {
  it('builds lagged inputs that look back exactly lagHours', () => {
    const cols = plantColumns(300);
    const built = buildMappedDataset(cols, mapping);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const rain = cols[1]?.values as Float64Array;
    for (let i = 3; i < 300; i++) {
      expect(built.table.records[i]?.rain_lag3h).toBe(rain[i - 3]);
    }
    expect(built.table.records[0]?.rain_lag3h).toBeNull();
    expect(built.table.records[5]?.prev_turbidity).toBe((cols[2]?.values as Float64Array)[4]);
    expect(built.definition.dose.features.map((f) => f.name)).toContain('rain_lag3h');
  });

  it('names each problem before training starts', () => {
    const cols = plantColumns(300);
    const missingTime = buildMappedDataset(cols.slice(1), mapping);
    expect(missingTime.ok ? [] : missingTime.problems.map((p) => p.code)).toContain(
      'no-time-column',
    );

    const few = buildMappedDataset(plantColumns(MIN_TRAINING_ROWS - 1), mapping);
    expect(few.ok ? [] : few.problems).toEqual([
      { code: 'too-few-rows', count: MIN_TRAINING_ROWS - 1, needed: MIN_TRAINING_ROWS },
    ]);

    const repeated = plantColumns(300);
    const rt = repeated[0]?.values as Float64Array;
    rt[11] = rt[10] as number;
    const r = buildMappedDataset(repeated, mapping);
    expect(r.ok ? [] : r.problems).toEqual([
      { code: 'time-duplicated', column: 'Fecha', count: 1, example: '2024-01-01 10:00' },
    ]);

    const constant = plantColumns(300);
    (constant[2]?.values as Float64Array).fill(7);
    const c = buildMappedDataset(constant, mapping);
    expect(c.ok ? [] : c.problems).toContainEqual({
      code: 'constant-feature',
      column: 'Turbiedad (NTU)',
    });

    const empty = plantColumns(300);
    (empty[1]?.values as Float64Array).fill(Number.NaN);
    const e = buildMappedDataset(empty, mapping);
    expect(e.ok ? [] : e.problems).toContainEqual({
      code: 'all-missing-feature',
      column: 'Lluvia (mm)',
    });
  });

  it('says every problem of the rows at once, read on the rows that have a dose', () => {
    const cols = plantColumns(150);
    (cols[2]?.values as Float64Array).fill(7);
    const built = buildMappedDataset(cols, mapping);
    expect(built.ok ? [] : built.problems.map((p) => p.code)).toEqual([
      'too-few-rows',
      'constant-feature',
    ]);

    // Rain was recorded only where the dose is missing: no value the model could learn from.
    const apart = plantColumns(400);
    const dose = apart[3]?.values as Float64Array;
    const rain = apart[1]?.values as Float64Array;
    for (let i = 0; i < 400; i++) {
      if (i < 100) dose[i] = Number.NaN;
      else rain[i] = Number.NaN;
    }
    const a = buildMappedDataset(apart, mapping);
    expect(a.ok ? [] : a.problems).toEqual([
      { code: 'all-missing-feature', column: 'Lluvia (mm)' },
    ]);

    // Turbidity in another unit: every reading outside its physical range.
    const scaled = plantColumns(300);
    (scaled[2]?.values as Float64Array).forEach((_, i, v) => (v[i] = 5000 + i));
    const s = buildMappedDataset(scaled, mapping);
    expect(s.ok ? [] : s.problems).toEqual([
      { code: 'feature-outside-range', column: 'Turbiedad (NTU)' },
    ]);
  });

  it('sorts a newest-first table, says so, and builds exactly the same rows', () => {
    const cols = plantColumns(300);
    const inOrder = buildMappedDataset(cols, mapping);
    const reversed = cols.map((c) =>
      c.kind === 'category'
        ? { ...c, values: [...c.values].reverse() }
        : { ...c, values: Float64Array.from(c.values).reverse() },
    );
    const sorted = buildMappedDataset(reversed, mapping);
    expect(inOrder.ok && sorted.ok).toBe(true);
    if (!inOrder.ok || !sorted.ok) return;
    expect(inOrder.notices).toEqual([]);
    expect(sorted.notices).toEqual([{ code: 'time-sorted', count: 299 }]);
    expect(sorted.table.records).toEqual(inOrder.table.records);
    expect(sorted.table.target).toEqual(inOrder.table.target);
    expect(sorted.cleaning.find((c) => c.rule === 'sorted-by-time')?.removed).toBe(0);
    expect(inOrder.cleaning.some((c) => c.rule === 'sorted-by-time')).toBe(false);
  });

  it('checks order, repeats and lags within each plant of a multi-plant table', () => {
    // Two plants, one block each, the same hours: neither unsorted nor repeated.
    const a = plantColumns(250, 1);
    const b = plantColumns(250, 2);
    const joined: SourceColumn[] = [
      ...(a.map((c, k) => ({
        ...c,
        values: Float64Array.from([
          ...(c.values as Float64Array),
          ...(b[k]?.values as Float64Array),
        ]),
      })) as SourceColumn[]),
      {
        name: 'Planta',
        kind: 'category',
        values: [...Array(250).fill('A'), ...Array(250).fill('B')],
      },
    ];
    const built = buildMappedDataset(joined, { ...mapping, groupColumn: 'Planta' });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.notices).toEqual([]);
    // Plant B's first rain lag looks back into plant B only (nothing there), not into plant A.
    const firstB = built.table.records.filter((r) => r.group === 'B').slice(0, 4);
    expect(firstB.map((r) => r.rain_lag3h)).toEqual([
      null,
      null,
      null,
      (b[1]?.values as Float64Array)[0],
    ]);

    // The same time twice in one plant is refused.
    const twice = joined.map((c): SourceColumn =>
      c.kind === 'datetime' ? { ...c, values: Float64Array.from(c.values) } : c,
    );
    const t = twice[0]?.values as Float64Array;
    t[260] = t[259] as number;
    const r = buildMappedDataset(twice, { ...mapping, groupColumn: 'Planta' });
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.count])).toEqual([['time-duplicated', 1]]);
  });

  it('trains a pack that beats persistence on data where dose follows turbidity', async () => {
    const built = buildMappedDataset(plantColumns(600), mapping);
    if (!built.ok) throw new Error('mapping failed');
    const pack = await trainPack(built.table, built.definition, {
      seed: 3,
      budget: { name: 'quick', trials: 1, sizeScale: 0.2 },
      learners: [ridgeLearner, gbdtLearner],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const all = pack.manifest.heads.dose.metrics.filter((r) => r.scope === 'all');
    const ens = all.find((r) => r.model === 'ensemble');
    const pers = all.find((r) => r.model === 'baseline: persistence');
    expect(ens?.mae).toBeLessThan(pers?.mae as number);
    for (const head of Object.values(pack.heads)) head?.members.forEach((m) => m.fitted.dispose());
  }, 60_000);
});
