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

    const unsorted = plantColumns(300);
    const t = unsorted[0]?.values as Float64Array;
    [t[10], t[11]] = [t[11] as number, t[10] as number];
    const u = buildMappedDataset(unsorted, mapping);
    expect(u.ok ? [] : u.problems.map((p) => p.code)).toEqual(['time-not-sorted']);

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
