import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../domain/math/random';
import { checkManifest } from '../../domain/pack-manifest';
import { loadPack, predictHead } from '../engine/loaded-pack';
import { gbdtLearner, randomForestLearner } from './members/tree-members';
import { mlpLearner } from './members/mlp-member';
import { ridgeLearner } from './members/ridge-member';
import type { TrainingBudget } from './members/member-learner';
import { trainPack, type PackDefinition } from './train-pack';
import { assembleTable, type CleanRow } from './training-table';

/**
 * The whole pipeline on a small synthetic two-plant history whose dose follows raw turbidity:
 * deterministic, schema-valid, better than persistence, and reproducible from its own files.
 */
const TINY: TrainingBudget = { name: 'quick', trials: 2, sizeScale: 0.15 };

function syntheticTable(seed: number) {
  const rng = createRng(seed);
  const rows: CleanRow[] = [];
  for (const [g, level] of [
    ['a', 2],
    ['b', 6],
  ] as const) {
    let turb = 10;
    for (let i = 0; i < 300; i++) {
      turb = Math.max(1, turb * Math.exp(0.35 * rng.normal()));
      const time = Date.UTC(2014, 0, 1) + i * 8 * 3_600_000 + (g === 'b' ? 3_600_000 : 0);
      const dose = level * (1 + 0.6 * Math.log1p(turb)) * Math.exp(0.05 * rng.normal());
      rows.push({
        group: g,
        time,
        target: dose,
        settled: 0.1 * turb * Math.exp(-0.2 * dose) + 0.5,
        inputs: { time, plant: g, raw_turbidity: turb, dose },
      });
    }
  }
  return assembleTable(rows, ['time', 'raw_turbidity']);
}

const definition: PackDefinition = {
  id: 'synthetic-test',
  title: { es: 'Prueba', en: 'Test' },
  dataSource: { name: 'synthetic', url: 'none', licence: 'MIT', attribution: 'test' },
  inputs: [
    {
      id: 'plant',
      label: { es: 'Planta', en: 'Plant' },
      kind: 'category',
      unit: '',
      categories: ['a', 'b'],
      optional: false,
      role: 'context',
    },
    {
      id: 'time',
      label: { es: 'Hora', en: 'Time' },
      kind: 'datetime',
      unit: '',
      optional: false,
      role: 'context',
    },
    {
      id: 'raw_turbidity',
      label: { es: 'Turbiedad', en: 'Turbidity' },
      kind: 'number',
      unit: 'NTU',
      physicalRange: [0, 10000],
      optional: false,
      role: 'reading',
    },
    {
      id: 'prev_raw_turbidity',
      label: { es: 'Turbiedad previa', en: 'Previous turbidity' },
      kind: 'number',
      unit: 'NTU',
      optional: true,
      role: 'previous',
    },
    {
      id: 'dose',
      label: { es: 'Dosis', en: 'Dose' },
      kind: 'number',
      unit: 'mg/L',
      optional: false,
      role: 'dose',
    },
  ],
  dose: {
    target: {
      id: 'dose',
      label: { es: 'Dosis', en: 'Dose' },
      unit: 'mg/L',
      physicalRange: [0, 500],
      transform: 'log1p',
    },
    features: [
      { name: 'log_turb', input: 'raw_turbidity', transform: { kind: 'log1p' } },
      {
        name: 'turb_change',
        input: 'raw_turbidity',
        transform: { kind: 'log1pDelta', previous: 'prev_raw_turbidity' },
      },
      {
        name: 'date',
        input: 'time',
        transform: { kind: 'identity' },
        clipToTraining: true,
        treesOnly: true,
      },
      { name: 'plant_a', input: 'plant', transform: { kind: 'oneHot', category: 'a' } },
      { name: 'plant_b', input: 'plant', transform: { kind: 'oneHot', category: 'b' } },
    ],
  },
  settled: {
    target: {
      id: 'settled',
      label: { es: 'Sedimentada', en: 'Settled' },
      unit: 'NTU',
      physicalRange: [0, 10000],
      transform: 'log1p',
    },
    features: [
      { name: 'log_turb', input: 'raw_turbidity', transform: { kind: 'log1p' } },
      { name: 'log_dose', input: 'dose', transform: { kind: 'log1p' } },
    ],
  },
  cleaning: [],
};

const learners = [ridgeLearner, randomForestLearner, gbdtLearner, mlpLearner];
const options = {
  seed: 7,
  budget: TINY,
  learners,
  createdAt: '2026-01-01T00:00:00.000Z',
  goldenRows: 50,
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainPack', () => {
  it('is deterministic, valid, beats persistence and reproduces its golden rows', async () => {
    const table = syntheticTable(1);
    const first = await trainPack(table, definition, options);
    const second = await trainPack(table, definition, options);

    // Same seed → same weights, byte for byte, and the same manifest (metrics included).
    expect(Object.keys(first.files).sort()).toEqual(Object.keys(second.files).sort());
    for (const [path, bytes] of Object.entries(first.files)) {
      expect(Buffer.from(second.files[path] as Uint8Array).equals(Buffer.from(bytes)), path).toBe(
        true,
      );
    }
    expect(second.manifest).toEqual(first.manifest);

    const check = checkManifest(JSON.parse(JSON.stringify(first.manifest)));
    expect(check.ok).toBe(true);

    const all = first.manifest.heads.dose.metrics.filter((r) => r.scope === 'all');
    const ensemble = all.find((r) => r.model === 'ensemble');
    const persistence = all.find((r) => r.model === 'baseline: persistence');
    expect(ensemble && persistence).toBeTruthy();
    expect(ensemble?.mae).toBeLessThan(persistence?.mae as number);
    expect(ensemble?.r2).toBeGreaterThan(0.8);
    expect(ensemble?.coverage).toBeGreaterThan(0.7);
    // Stacking weights are a convex blend: non-negative, summing to one.
    const weights = first.manifest.heads.dose.members.map((m) => m.weight);
    expect(weights.every((w) => w >= 0)).toBe(true);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // Only members with a positive weight are shipped (files and golden rows); every trained
    // member keeps its row in the metrics table.
    const trained = first.heads.dose.members.map((m) => m.learner.kind);
    const shipped = first.manifest.heads.dose.members.map((m) => m.kind);
    expect(shipped).toEqual(trained.filter((_, k) => (first.heads.dose.weights[k] as number) > 0));
    expect(first.manifest.heads.dose.members.every((m) => m.weight > 0)).toBe(true);
    expect(Object.keys(first.golden.rows[0]?.dose.members ?? {})).toEqual(shipped);
    for (const kind of trained) expect(all.some((r) => r.model === `member: ${kind}`)).toBe(true);

    // The treesOnly date column (index 2) is read by the tree members only, and it is winsorised.
    const dateIndex = first.manifest.heads.dose.features.findIndex((f) => f.name === 'date');
    expect(first.manifest.heads.dose.features[dateIndex]?.clip).toBeDefined();
    for (const m of first.manifest.heads.dose.members) {
      const reads = m.columns ?? first.manifest.heads.dose.features.map((_, j) => j);
      expect(reads.includes(dateIndex), m.kind).toBe(
        m.kind === 'gbdt' || m.kind === 'randomForest',
      );
    }

    const pack = await loadPack(first.manifest, first.files);
    const pred = await predictHead(
      pack.dose,
      first.golden.rows.map((r) => r.inputs),
    );
    first.golden.rows.forEach((row, i) => {
      expect(pred.value[i]).toBeCloseTo(row.dose.value, 9);
    });
    pack.dispose();
    for (const result of [first, second]) {
      for (const head of Object.values(result.heads))
        head?.members.forEach((m) => m.fitted.dispose());
    }
  }, 120_000);

  it('stops with an AbortError when asked to', async () => {
    let calls = 0;
    await expect(
      trainPack(syntheticTable(2), definition, { ...options, shouldStop: () => ++calls > 3 }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  }, 60_000);
});
