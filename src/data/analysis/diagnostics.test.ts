import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../domain/math/random';
import type { DataTable } from '../data-table';
import { diagnoseColumn, diagnoseTable } from './diagnostics';

const FC = { seed: 11, numRuns: 150 };
const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
const hours = (n: number) => Array.from({ length: n }, (_, i) => T0 + i * H);

function noisy(n: number, seed = 1, level = 10, sd = 0.5): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.round((level + sd * rng.normal()) * 100) / 100);
}

describe('gaps', () => {
  it('counts NaN cells and absent rows as missing steps, with their times', () => {
    // Hourly, rows at 0..9 except 5 and 6 (absent); value missing at 2 and 3; trailing NaN at 9.
    const t = [0, 1, 2, 3, 4, 7, 8, 9].map((h) => T0 + h * H);
    const v = [1, 2, NaN, NaN, 5, 8, 9, NaN];
    const d = diagnoseColumn('x', v, t);
    expect(d.gaps).toEqual([
      { start: T0 + 2 * H, end: T0 + 3 * H, steps: 2, missingRows: 2 },
      { start: T0 + 5 * H, end: T0 + 6 * H, steps: 2, missingRows: 0 },
      { start: T0 + 9 * H, end: T0 + 9 * H, steps: 1, missingRows: 1 },
    ]);
    expect(d.missingSteps).toBe(5);
    expect(diagnoseColumn('x', v, t, { minGapSteps: 2 }).gaps).toHaveLength(2);
  });

  it('reports a leading gap and an all-missing column', () => {
    const t = hours(4);
    expect(diagnoseColumn('x', [NaN, NaN, 3, 4], t).gaps).toEqual([
      { start: T0, end: T0 + H, steps: 2, missingRows: 2 },
    ]);
    expect(diagnoseColumn('x', [NaN, NaN, NaN, NaN], t).gaps).toEqual([
      { start: T0, end: T0 + 3 * H, steps: 4, missingRows: 4 },
    ]);
  });

  it('property: on a complete regular axis, missing steps = NaN cells and gaps do not overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 60 }), (missing) => {
        const v = missing.map((m, i) => (m ? NaN : i));
        const d = diagnoseColumn('x', v, hours(v.length));
        expect(d.missingSteps).toBe(missing.filter(Boolean).length);
        for (let k = 1; k < d.gaps.length; k++) {
          expect((d.gaps[k] as { start: number }).start).toBeGreaterThan(
            (d.gaps[k - 1] as { end: number }).end + H - 1,
          );
        }
      }),
      FC,
    );
  });
});

describe('flatlines', () => {
  it('finds a stuck value held for at least the chosen duration', () => {
    const v = noisy(48);
    for (let i = 20; i < 32; i++) v[i] = 7.77; // 12 readings = 12 h
    const d = diagnoseColumn('Turbiedad (NTU)', v, hours(48), { flatlineMinDuration: 10 * H });
    expect(d.flatlines).toEqual([
      {
        startRow: 20,
        endRow: 31,
        start: T0 + 20 * H,
        end: T0 + 31 * H,
        points: 12,
        duration: 12 * H,
        value: 7.77,
      },
    ]);
    expect(
      diagnoseColumn('Turbiedad (NTU)', v, hours(48), { flatlineMinDuration: 13 * H }).flatlines,
    ).toEqual([]);
    // Default: max(6 h, 12 steps) = 12 h for hourly data.
    expect(diagnoseColumn('Turbiedad (NTU)', v, hours(48)).flatlines).toHaveLength(1);
  });

  it('ignores dry spells (runs of 0) in rain, but not for other quantities', () => {
    const v = new Array<number>(48).fill(0);
    expect(diagnoseColumn('Lluvia (mm)', v, hours(48)).flatlines).toEqual([]);
    expect(diagnoseColumn('Turbiedad', v, hours(48)).flatlines).toHaveLength(1);
    expect(
      diagnoseColumn('Lluvia (mm)', v, hours(48), { accumulationRules: false }).flatlines,
    ).toHaveLength(1);
  });

  it('honours a tolerance and is broken by a missing value', () => {
    const v = noisy(30, 2).map((x, i) => (i >= 5 && i < 25 ? 3 + (i % 2) * 0.001 : x));
    expect(diagnoseColumn('x', v, hours(30)).flatlines).toEqual([]);
    expect(diagnoseColumn('x', v, hours(30), { flatlineTolerance: 0.01 }).flatlines).toHaveLength(
      1,
    );
    v[15] = NaN;
    expect(diagnoseColumn('x', v, hours(30), { flatlineTolerance: 0.01 }).flatlines).toEqual([]);
  });
});

describe('spikes and outliers', () => {
  it('flags an isolated spike but not a storm-like pulse', () => {
    const v = noisy(200, 3);
    v[50] = 400; // electrical spike
    // A smooth pulse over 9 hours (a storm), peaking at 300.
    [20, 60, 150, 250, 300, 250, 150, 60, 20].forEach((p, k) => (v[120 + k] = 10 + p));
    const d = diagnoseColumn('Turbiedad (NTU)', v, hours(200));
    expect(d.spikes).toEqual([50]);
    // The pulse is an outlier (unusual), not a spike (fault).
    expect(d.outliers.robustZ.rows).toEqual(expect.arrayContaining([50, 124]));
  });

  it('computes robust z on the MAD and IQR fences (known answer)', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const d = diagnoseColumn('x', v, null);
    // median 5.5, MAD 2.5 → scale 3.7065; |100 − 5.5| / 3.7065 = 25.5 > 3.5.
    expect(d.outliers.robustZ.median).toBe(5.5);
    expect(d.outliers.robustZ.scale).toBeCloseTo(2.5 * 1.482602218505602, 12);
    expect(d.outliers.robustZ.rows).toEqual([9]);
    // numpy: q1 = 3.25, q3 = 7.75 → fences −3.5, 14.5.
    expect(d.outliers.iqr).toMatchObject({
      q1: 3.25,
      q3: 7.75,
      lower: -3.5,
      upper: 14.5,
      rows: [9],
    });
  });

  it('falls back to the mean absolute deviation when the MAD is 0', () => {
    const v = [5, 5, 5, 5, 5, 5, 5, 6, 50];
    const d = diagnoseColumn('x', v, null);
    expect(d.outliers.robustZ.scale).toBeGreaterThan(0);
    expect(d.outliers.robustZ.rows).toEqual([8]);
  });

  it('skips spikes and outliers for rain, whose storms are real', () => {
    const v = new Array<number>(100).fill(0);
    v[40] = 30;
    const d = diagnoseColumn('Lluvia (mm)', v, hours(100));
    expect(d.spikes).toEqual([]);
    expect(d.outliers.computed).toBe(false);
    expect(
      diagnoseColumn('Lluvia (mm)', v, hours(100), { accumulationRules: false }).spikes,
    ).toEqual([40]);
  });
});

describe('impossible values', () => {
  it('uses the quantity guessed from the header, or the override', () => {
    const t = hours(5);
    expect(diagnoseColumn('Turbiedad (NTU)', [1, -0.5, 3, NaN, Infinity], t).impossible).toEqual({
      range: [0, 10000],
      rows: [1, 4],
    });
    expect(diagnoseColumn('pH', [7, 14.2, -1, 0, 14], t).impossible.rows).toEqual([1, 2]);
    expect(diagnoseColumn('sensor 3', [7, 14.2, -1, 0, 14], t).impossible.rows).toEqual([]);
    expect(
      diagnoseColumn('sensor 3', [7, 14.2, -1, 0, 14], t, { quantities: { 'sensor 3': 'ph' } })
        .impossible.rows,
    ).toEqual([1, 2]);
    expect(
      diagnoseColumn('pH', [7, 15], t.slice(0, 2), { quantities: { pH: null } }).quantityId,
    ).toBeNull();
  });
});

describe('diagnoseTable', () => {
  it('reports table-level facts and one entry per numeric column, in time order', () => {
    const t = [T0 + 2 * H, T0, T0 + H, T0 + H, NaN];
    const table: DataTable = {
      name: 't',
      rowCount: 5,
      columns: [
        { name: 'Fecha', kind: 'datetime', values: Float64Array.from(t) },
        { name: 'pH', kind: 'number', values: Float64Array.from([7, 7.1, 20, 7.2, 7]) },
        { name: 'Operador', kind: 'category', values: ['a', 'b', 'c', 'd', 'e'] },
      ],
    };
    const d = diagnoseTable(table);
    expect(d).toMatchObject({
      timeColumn: 'Fecha',
      step: H,
      rows: 5,
      rowsWithoutTime: 1,
      unsortedTime: true,
      duplicateTimes: 1,
      start: T0,
      end: T0 + 2 * H,
    });
    expect(d.columns.map((c) => c.column)).toEqual(['pH']);
    expect(d.columns[0]?.impossible.rows).toEqual([2]);
    expect(d.columns[0]?.gaps).toEqual([]);
  });

  it('uses row order without a time column', () => {
    const table: DataTable = {
      name: 't',
      rowCount: 4,
      columns: [{ name: 'x', kind: 'number', values: Float64Array.from([1, NaN, NaN, 4]) }],
    };
    const d = diagnoseTable(table);
    expect(d.timeColumn).toBeNull();
    expect(d.columns[0]?.gaps).toEqual([{ start: 1, end: 2, steps: 2, missingRows: 2 }]);
  });

  it('never mutates its input', () => {
    const v = Float64Array.from(noisy(50, 4));
    const copy = Float64Array.from(v);
    diagnoseColumn('Turbiedad', v, hours(50));
    expect(v).toEqual(copy);
  });
});
