import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../domain/input-record';
import { checkManifest, type PackManifest } from '../../domain/pack-manifest';
import { checkRecord, jarTestBand, sensorChecks } from './validate';
import { SENSOR_FLATLINE_REPORTS } from './thresholds';

const H = 3_600_000;
const T0 = Date.UTC(2015, 5, 1, 8);

/** A tiny, schema-valid manifest: plant, time, turbidity (+ previous), pH, optional flow. */
function tinyManifest(): PackManifest {
  const head = {
    target: {
      id: 'coagulant_dose',
      label: { es: 'Dosis', en: 'Dose' },
      unit: 'mg/L',
      physicalRange: [0, 500],
      transform: 'log1p',
    },
    features: [
      { name: 'log_turb', input: 'turbidity', transform: { kind: 'log1p' }, mean: 2, std: 1 },
      {
        name: 'turb_change',
        input: 'turbidity',
        transform: { kind: 'log1pDelta', previous: 'prev_turbidity' },
        mean: 0,
        std: 1,
      },
      {
        name: 'hours',
        input: 'time',
        transform: { kind: 'hoursSince', previous: 'prev_time' },
        mean: 12,
        std: 10,
      },
      { name: 'ph', input: 'ph', transform: { kind: 'identity' }, mean: 7, std: 0.5 },
      { name: 'flow', input: 'flow', transform: { kind: 'identity' }, mean: 100, std: 20 },
      {
        name: 'plant_a',
        input: 'plant',
        transform: { kind: 'oneHot', category: 'a' },
        mean: 0.5,
        std: 0.5,
      },
    ],
    members: [
      {
        id: 'dose-gbdt',
        kind: 'gbdt',
        format: 'flat-forest',
        forestFile: 'members/dose-gbdt.forest.bin',
        weight: 1,
        hyperparameters: {},
      },
    ],
    stacking: { intercept: 0 },
    conformal: { alpha: 0.1, quantile: 0.3 },
    novelty: {
      features: ['log_turb'],
      mean: [0],
      precision: [1],
      threshold: 9,
      thresholdQuantile: 0.99,
    },
    metrics: [],
  };
  const raw = {
    schemaVersion: 1,
    id: 'tiny',
    title: { es: 'Pequeño', en: 'Tiny' },
    createdAt: '2026-01-01T00:00:00.000Z',
    seed: 1,
    dataSource: {
      name: 'test',
      url: 'https://example.org',
      licence: 'MIT',
      attribution: 'test',
      rows: 10,
      firstDate: '2015-01-01 00:00',
      lastDate: '2015-12-31 00:00',
    },
    split: { trainEnd: '', calibrationEnd: '', testStart: '', description: '' },
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
        id: 'turbidity',
        label: { es: 'Turbiedad', en: 'Turbidity' },
        kind: 'number',
        unit: 'NTU',
        quantity: 'turbidity',
        physicalRange: [0, 10000],
        trainingRange: [0.2, 1000],
        quantiles: [0.5, 1, 8, 100, 300],
        optional: false,
        role: 'reading',
      },
      {
        id: 'prev_turbidity',
        label: { es: 'Turbiedad anterior', en: 'Previous turbidity' },
        kind: 'number',
        unit: 'NTU',
        physicalRange: [0, 10000],
        optional: true,
        role: 'previous',
      },
      {
        id: 'prev_time',
        label: { es: 'Hora anterior', en: 'Previous time' },
        kind: 'datetime',
        unit: '',
        optional: true,
        role: 'previous',
      },
      {
        id: 'ph',
        label: { es: 'pH', en: 'pH' },
        kind: 'number',
        unit: '',
        quantity: 'ph',
        physicalRange: [0, 14],
        trainingRange: [6, 8.5],
        quantiles: [6.2, 6.5, 7.1, 7.8, 8.2],
        optional: false,
        role: 'reading',
      },
      {
        id: 'flow',
        label: { es: 'Caudal', en: 'Flow' },
        kind: 'number',
        unit: 'L/s',
        quantity: 'flow',
        physicalRange: [0, 10000],
        trainingRange: [10, 200],
        quantiles: [20, 40, 100, 180, 200],
        optional: true,
        role: 'reading',
      },
      {
        id: 'dose',
        label: { es: 'Dosis aplicada', en: 'Applied dose' },
        kind: 'number',
        unit: 'mg/L',
        physicalRange: [0, 500],
        optional: false,
        role: 'dose',
      },
    ],
    heads: { dose: head },
    cleaning: [],
    files: [{ path: 'members/dose-gbdt.forest.bin', bytes: 1, sha256: '0'.repeat(64) }],
  };
  const check = checkManifest(raw);
  if (!check.ok) throw new Error(check.detail);
  return check.manifest;
}

const manifest = tinyManifest();
const good: InputRecord = {
  plant: 'a',
  time: T0,
  turbidity: 12,
  prev_turbidity: 10,
  prev_time: T0 - 6 * H,
  ph: 7.2,
  flow: 90,
};

const codes = (rec: InputRecord) => {
  const c = checkRecord(manifest, rec);
  return {
    errors: c.errors.map((e) => `${e.input}:${e.code}`),
    warnings: c.warnings.map((e) => `${e.input}:${e.code}`),
    jarTest: c.jarTest,
  };
};

describe('checkRecord', () => {
  it('accepts a good record, with no warnings; the applied dose is not required', () => {
    expect(codes(good)).toEqual({ errors: [], warnings: [], jarTest: false });
  });

  it.each([
    ['NaN', { turbidity: Number.NaN }, 'turbidity:not-a-number'],
    ['Infinity', { turbidity: Infinity }, 'turbidity:not-a-number'],
    ['empty text', { turbidity: '' }, 'turbidity:missing-value'],
    ['blank text', { turbidity: '   ' }, 'turbidity:missing-value'],
    ['null', { turbidity: null }, 'turbidity:missing-value'],
    ['text', { turbidity: 'doce' }, 'turbidity:not-a-number'],
    [
      'numeric text (parsing is the data layer’s job)',
      { turbidity: '12' },
      'turbidity:not-a-number',
    ],
    ['negative turbidity', { turbidity: -1 }, 'turbidity:outside-physical-range'],
    ['pH 15', { ph: 15 }, 'ph:outside-physical-range'],
    ['unknown plant', { plant: 'z' }, 'plant:unknown-category'],
    ['a number as the plant', { plant: 3 }, 'plant:unknown-category'],
    ['a date as text', { time: '2015-06-01 08:00' }, 'time:not-a-number'],
    ['previous report after this one', { prev_time: T0 + H }, 'prev_time:outside-physical-range'],
    ['text in an optional input', { flow: 'n/a' }, 'flow:not-a-number'],
  ])('%s → error', (_, patch, expected) => {
    const c = codes({ ...good, ...patch });
    expect(c.errors).toEqual([expected]);
  });

  it('reports every error at once, and a missing non-optional input', () => {
    const rec: Record<string, unknown> = { ...good, ph: 15, turbidity: Number.NaN };
    delete rec['plant'];
    expect(codes(rec as InputRecord).errors).toEqual([
      'plant:missing-value',
      'turbidity:not-a-number',
      'ph:outside-physical-range',
    ]);
  });

  it('accepts an empty optional input', () => {
    expect(codes({ ...good, flow: null, prev_turbidity: '' }).errors).toEqual([]);
  });

  it('gives the limits with an outside-physical-range error', () => {
    const c = checkRecord(manifest, { ...good, ph: 15 });
    expect(c.errors[0]?.detail).toEqual({ value: 15, min: 0, max: 14 });
    expect(c.errors[0]?.severity).toBe('error');
  });

  it('warns outside the training range; a jar test only beyond the widened p1–p99 band', () => {
    // Turbidity is log-scale here: band = p1..p99 = 0.5..300 NTU widened by 10 % in log1p units.
    const band = jarTestBand(manifest.inputs[2]!, true) as [number, number];
    expect(band[0]).toBeLessThan(0.5);
    expect(band[1]).toBeGreaterThan(300);
    expect(band[1]).toBeLessThan(1000);
    expect(codes({ ...good, turbidity: 0.1 })).toEqual({
      errors: [],
      warnings: ['turbidity:outside-training-range'],
      jarTest: false,
    });
    expect(codes({ ...good, turbidity: 1500 })).toEqual({
      errors: [],
      warnings: ['turbidity:outside-training-range'],
      jarTest: true,
    });
    // pH is linear: p1..p99 = 6.2..8.2, margin 0.2: 8.6 is outside training (8.5) and the band.
    expect(codes({ ...good, ph: 8.6 }).jarTest).toBe(true);
    expect(codes({ ...good, ph: 8.45 })).toEqual({ errors: [], warnings: [], jarTest: false });
  });

  it('never throws, whatever the record holds', () => {
    const value = fc.oneof(
      fc.double(),
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
      fc.object(),
      fc.array(fc.integer()),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...manifest.inputs.map((i) => i.id), 'x'), value),
        (rec) => {
          const c = checkRecord(manifest, rec as InputRecord);
          expect(Array.isArray(c.errors)).toBe(true);
          sensorChecks(manifest, rec as InputRecord, [rec as InputRecord]);
        },
      ),
    );
  });
});

describe('sensorChecks', () => {
  const series = (values: number[]) =>
    values.map((turbidity, i) => ({ ...good, turbidity, time: T0 + i * H }));

  it('flags a jump by more than ×10 since the last report, not a storm-sized rise below it', () => {
    const jump = sensorChecks(manifest, { ...good, turbidity: 150 }, series([9, 10]));
    expect(jump.map((i) => `${i.input}:${i.code}`)).toEqual(['turbidity:sensor-rate-of-change']);
    expect(jump[0]?.detail?.score).toBeGreaterThan(10);
    expect(sensorChecks(manifest, { ...good, turbidity: 60 }, series([9, 10]))).toEqual([]);
    // Near zero the training p5 (1 NTU) damps the ratio: 0.1 → 1.5 NTU is no jump.
    expect(sensorChecks(manifest, { ...good, turbidity: 1.5 }, series([0.1]))).toEqual([]);
  });

  it(`flags a reading identical over ${SENSOR_FLATLINE_REPORTS} reports; flow and pH are exempt`, () => {
    const same = series(Array(SENSOR_FLATLINE_REPORTS - 1).fill(12) as number[]);
    const flat = sensorChecks(manifest, { ...good, turbidity: 12 }, same);
    // pH (7.2 in every report here) and flow repeat at display resolution in real plants: exempt.
    expect(flat.map((i) => `${i.input}:${i.code}`)).toEqual(['turbidity:sensor-flatline']);
    expect(sensorChecks(manifest, { ...good, turbidity: 12 }, same.slice(1))).toEqual([]);
    expect(sensorChecks(manifest, { ...good, turbidity: 12.01 }, same)).toEqual([]);
  });

  it('returns nothing without recent reports', () => {
    expect(sensorChecks(manifest, good, [])).toEqual([]);
  });
});
