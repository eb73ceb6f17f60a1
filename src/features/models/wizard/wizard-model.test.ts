import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../data/data-table';
import { parseCsv } from '../../../data/ingest';
import { trainingMappingSchema } from '../../../domain/training-mapping';
import { createRng } from '../../../domain/math/random';
import {
  featureChoices,
  outOfOrderRows,
  selectedFeatures,
  stepProblems,
  stripUnit,
  suggestDraft,
  suggestLag,
  tableProblems,
  toMapping,
  usableTable,
  type WizardDraft,
} from './wizard-model';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const { table: basin } = parseCsv(
  new Uint8Array(readFileSync(join(root, 'public/samples/cuenca-sintetica/bocatoma-planta.csv'))),
  { name: 'bocatoma-planta.csv' },
);
const cliConfig = trainingMappingSchema.parse(
  JSON.parse(readFileSync(join(root, 'training/configs/cuenca-sintetica.json'), 'utf8')),
);

const ctx = {
  packId: 'bocatoma-planta-20261204-101500',
  datasetName: 'bocatoma-planta.csv',
  synthetic: true,
  quantityLabel: (q: string) => ({ es: q, en: `EN ${q}` }),
  targetLabel: { es: 'Dosis del ensayo de jarras', en: 'Jar-test dose' },
};

describe('suggestDraft on the synthetic basin sample', () => {
  const draft = suggestDraft(basin, 'bocatoma-planta.csv', 'es');

  it('finds the time column and the jar-test dose as the target', () => {
    expect(draft.timeColumn).toBe('Fecha y hora');
    expect(draft.targetColumn).toBe('Dosis alumbre ensayo de jarras (mg/L)');
    expect(draft.targetKind).toBe('jar-test');
    expect(draft.targetUnit).toBe('mg/L');
    expect([draft.targetMin, draft.targetMax]).toEqual(['0', '500']);
    expect(draft.name).toBe('bocatoma-planta');
  });

  it('suggests every recognised reading, with the known unit, range and scale', () => {
    const chosen = selectedFeatures(draft);
    expect(chosen.map((f) => [f.id, f.unit, f.min, f.max, f.log])).toEqual([
      ['turbidity', 'NTU', '0', '10000', true],
      ['colour', 'Pt-Co', '0', '5000', true],
      ['ph', 'pH', '0', '14', false],
      ['conductivity', 'µS/cm', '0', '100000', false],
      ['flow', 'L/s', '0', '100000', false],
      ['temperature', '°C', '-5', '50', false],
    ]);
    // The target is not offered as an input.
    expect(featureChoices(draft).some((f) => f.column === draft.targetColumn)).toBe(false);
    expect(stepProblems(draft, 'columns')).toEqual([]);
    expect(stepProblems(draft, 'units')).toEqual([]);
    expect(stepProblems(draft, 'budget')).toEqual([]);
  });

  it('maps to exactly the CLI config once flow is left out and the dose range is 0–200', () => {
    const edited: WizardDraft = {
      ...draft,
      targetMax: '200',
      features: draft.features.map((f) => (f.id === 'flow' ? { ...f, selected: false } : f)),
    };
    const m = toMapping(edited, ctx);
    expect(m.timeColumn).toBe(cliConfig.timeColumn);
    expect(m.target.column).toBe(cliConfig.target.column);
    expect(m.target.physicalRange).toEqual(cliConfig.target.physicalRange);
    expect(m.budget).toBe(cliConfig.budget);
    expect(m.seed).toBe(cliConfig.seed);
    const strip = (fs: typeof m.features) =>
      fs.map(({ column, id, unit, quantity, physicalRange, log, lagHours }) => ({
        column,
        id,
        unit,
        quantity,
        physicalRange,
        log,
        lagHours,
      }));
    expect(strip(m.features)).toEqual(strip(cliConfig.features));
    expect(m.features[0]?.label).toEqual({ es: 'Turbiedad agua cruda', en: 'EN turbidity' });
  });
});

describe('wizard rules', () => {
  const draft = suggestDraft(basin, 'bocatoma-planta.csv', 'en');

  it('reads ranges typed with a decimal comma or point, and names what blocks a step', () => {
    const ok = { ...draft, targetMin: '0,5', targetMax: '150.5' };
    expect(stepProblems(ok, 'units')).toEqual([]);
    const bad: WizardDraft = {
      ...draft,
      targetMin: '10',
      targetMax: '5',
      features: draft.features.map((f) => (f.id === 'ph' ? { ...f, min: 'siete', max: '14' } : f)),
    };
    expect(stepProblems(bad, 'units')).toEqual([
      { code: 'range-invalid', column: draft.targetColumn },
      { code: 'range-invalid', column: 'pH' },
    ]);
    const none: WizardDraft = {
      ...draft,
      timeColumn: '',
      targetColumn: '',
      features: draft.features.map((f) => ({ ...f, selected: false })),
    };
    expect(stepProblems(none, 'columns').map((p) => p.code)).toEqual([
      'no-time',
      'no-target',
      'no-features',
    ]);
    expect(stepProblems({ ...draft, name: '  ' }, 'budget')).toEqual([{ code: 'name-empty' }]);
  });

  it('strips a trailing unit from a header', () => {
    expect(stripUnit('Conductividad (µS/cm)')).toBe('Conductividad');
    expect(stripUnit('pH')).toBe('pH');
    expect(stripUnit('Lluvia [mm]')).toBe('Lluvia');
  });

  it('gives unknown columns a safe id and a range widened from the data', () => {
    const table: DataTable = {
      name: 't',
      rowCount: 3,
      columns: [
        { name: 'Fecha', kind: 'datetime', values: new Float64Array([0, 1, 2]) },
        { name: 'Dosis aplicada (mg/L)', kind: 'number', values: new Float64Array([5, 6, 7]) },
        { name: '2do sensor', kind: 'number', values: new Float64Array([10, 20, NaN]) },
        { name: 'Time', kind: 'number', values: new Float64Array([1, 2, 3]) },
        { name: 'Sensor 3', kind: 'number', values: new Float64Array([4, 5, 6]), unit: 'NTU' },
      ],
    };
    const d = suggestDraft(table, 't.csv', 'es');
    expect(d.targetKind).toBe('applied');
    const [sensor, time] = featureChoices(d);
    expect(sensor).toMatchObject({ id: 'x_2do_sensor', selected: false, min: '0', max: '30' });
    expect(sensor?.observed).toEqual([10, 20]);
    expect(time?.id).toBe('x_time');
    // Recognised by the unit the ingest read from its header.
    expect(featureChoices(d)[2]).toMatchObject({
      quantity: 'turbidity',
      selected: true,
      log: true,
    });
    expect(usableTable(table.columns)).toBe(true);
    expect(usableTable(table.columns.slice(0, 2))).toBe(false);
  });
});

describe('lag suggestion (rain → turbidity)', () => {
  it('recovers a planted 6 h delay on a regular hourly axis, and offers a lag for rain', () => {
    const n = 2000;
    const rng = createRng(3);
    const time = Float64Array.from({ length: n }, (_, i) => i * 3_600_000);
    const rain = Float64Array.from({ length: n }, () =>
      rng.next() < 0.05 ? rng.uniform(1, 20) : 0,
    );
    const turb = Float64Array.from(
      { length: n },
      (_, i) => 5 + 3 * (rain[i - 6] ?? 0) + rng.uniform(0, 1),
    );
    expect(suggestLag(time, rain, turb)?.hours).toBe(6);
    // Irregular axis: no suggestion rather than a wrong one.
    const irregular = Float64Array.from(time, (t, i) => t + (i % 7 === 0 ? 60_000 : 0));
    expect(suggestLag(irregular, rain, turb)).toBeNull();

    const table: DataTable = {
      name: 'joined',
      rowCount: n,
      columns: [
        { name: 'Fecha y hora', kind: 'datetime', values: time },
        { name: 'Lluvia Alto Verde (mm)', kind: 'number', values: rain },
        { name: 'Turbiedad agua cruda (NTU)', kind: 'number', values: turb },
        { name: 'Dosis (mg/L)', kind: 'number', values: turb.map((t) => 2 + t / 3) },
      ],
    };
    const rainDraft = featureChoices(suggestDraft(table, 'joined', 'es'))[0];
    expect(rainDraft).toMatchObject({ lagOffered: true, lagHours: '6', log: false });
    expect(rainDraft?.lagSuggestion?.hours).toBe(6);

    // A newest-first export: the same lag is found, and the rows out of order are counted.
    const reversed: DataTable = {
      ...table,
      columns: table.columns.map((c) =>
        c.kind === 'category' ? c : { ...c, values: Float64Array.from(c.values).reverse() },
      ),
    };
    const draft = suggestDraft(reversed, 'joined', 'es');
    expect(featureChoices(draft)[0]?.lagSuggestion?.hours).toBe(6);
    expect(outOfOrderRows(reversed, draft)).toBe(n - 1);
    expect(outOfOrderRows(table, suggestDraft(table, 'joined', 'es'))).toBe(0);
  });
});

describe('lag suggestion (upstream sensor → intake)', () => {
  it('offers a lag for an upstream turbidity sensor, measured against the intake, not itself', () => {
    const n = 1500;
    const rng = createRng(5);
    const time = Float64Array.from({ length: n }, (_, i) => i * 3_600_000);
    const upstream = new Float64Array(n);
    for (let i = 0; i < n; i++)
      upstream[i] = 0.8 * (upstream[i - 1] ?? 5) + 1 + (rng.next() < 0.05 ? rng.uniform(5, 40) : 0);
    const intake = Float64Array.from(
      { length: n },
      (_, i) => 2 + 0.9 * (upstream[i - 4] ?? 5) + rng.uniform(0, 0.5),
    );
    // The upstream sensor comes first in the joined table, as the explorer's join lists files.
    const table: DataTable = {
      name: 'joined',
      rowCount: n,
      columns: [
        { name: 'Fecha y hora', kind: 'datetime', values: time },
        { name: 'Turbiedad aguas arriba (NTU)', kind: 'number', values: upstream },
        { name: 'Turbiedad agua cruda (NTU)', kind: 'number', values: intake },
        { name: 'Dosis (mg/L)', kind: 'number', values: intake.map((t) => 2 + t / 3) },
      ],
    };
    const [up, raw] = featureChoices(suggestDraft(table, 'joined', 'es'));
    expect(up).toMatchObject({ quantity: 'turbidity', lagOffered: true, lagHours: '4' });
    expect(up?.lagSuggestion?.hours).toBe(4);
    expect(raw).toMatchObject({ quantity: 'turbidity', lagOffered: false, lagSuggestion: null });
  });
});

describe('tables that cannot be trained on', () => {
  it('says what is missing: a date-time column, two numeric columns', () => {
    const num = { kind: 'number' };
    const time = { kind: 'datetime' };
    expect(tableProblems([num, num])).toEqual(['no-datetime']);
    expect(tableProblems([time, num])).toEqual(['too-few-numbers']);
    expect(tableProblems([{ kind: 'category' }])).toEqual(['no-datetime', 'too-few-numbers']);
    expect(tableProblems([time, num, num])).toEqual([]);
  });
});
