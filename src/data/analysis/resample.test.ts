import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DataTable } from '../data-table';
import { aggregationFor, binStart, joinOnTime, resample, stepMs } from './resample';

const FC = { seed: 7, numRuns: 150 };
const H = 3_600_000;
const T0 = Date.UTC(2025, 2, 1, 0, 0);

function table(
  name: string,
  time: number[],
  cols: Record<string, number[]>,
  extra: DataTable['columns'] = [],
): DataTable {
  return {
    name,
    rowCount: time.length,
    columns: [
      { name: 'Fecha', kind: 'datetime', values: Float64Array.from(time) },
      ...Object.entries(cols).map(([n, v]) => ({
        name: n,
        kind: 'number' as const,
        values: Float64Array.from(v),
      })),
      ...extra,
    ],
  };
}

const values = (t: DataTable, name: string) => {
  const c = t.columns.find((x) => x.name === name);
  if (!c || c.kind === 'category') throw new Error(name);
  return Array.from(c.values);
};

describe('stepMs / aggregationFor / binStart', () => {
  it('names the three steps and rejects nonsense', () => {
    expect(stepMs('10min')).toBe(600_000);
    expect(stepMs('hour')).toBe(H);
    expect(stepMs('day')).toBe(24 * H);
    expect(() => stepMs(0)).toThrow(RangeError);
    expect(() => stepMs(1.5)).toThrow(RangeError);
  });

  it('sums rain, averages states, and obeys overrides', () => {
    expect(aggregationFor('Lluvia (mm)')).toBe('sum');
    expect(aggregationFor('Turbiedad (NTU)')).toBe('mean');
    expect(aggregationFor('Operador')).toBe('mean');
    expect(aggregationFor('Turbiedad (NTU)', { 'Turbiedad (NTU)': 'sum' })).toBe('sum');
  });

  it('floors to the bin start, also before 1970', () => {
    expect(binStart(T0 + 59 * 60_000, H)).toBe(T0);
    expect(binStart(-1, H)).toBe(-H);
  });
});

describe('resample', () => {
  // 10-minute readings over two hours and a bit, with a missing third hour.
  const t = [0, 10, 20, 30, 40, 50, 60, 70, 180].map((m) => T0 + m * 60_000);
  const src = table('x', t, {
    'Turbiedad (NTU)': [1, 2, 3, 4, 5, NaN, 10, 20, 7],
    'Lluvia (mm)': [0.2, 0, 0.4, NaN, 0, 0, 1, 1, 0],
  });

  it('averages states and sums rain per hour; an empty hour is NaN', () => {
    const out = resample(src, 'hour');
    expect(out.rowCount).toBe(4);
    expect(values(out, 'Fecha')).toEqual([T0, T0 + H, T0 + 2 * H, T0 + 3 * H]);
    expect(values(out, 'Turbiedad (NTU)')).toEqual([3, 15, NaN, 7]);
    const rain = values(out, 'Lluvia (mm)');
    expect(rain[0]).toBeCloseTo(0.6, 12);
    expect(rain.slice(1)).toEqual([2, NaN, 0]);
  });

  it('takes per-column overrides', () => {
    const out = resample(src, 'hour', { aggregation: { 'Lluvia (mm)': 'mean' } });
    expect(values(out, 'Lluvia (mm)')[1]).toBe(1);
  });

  it('gives the same result for shuffled rows and never mutates the input', () => {
    const order = [8, 3, 0, 5, 1, 7, 2, 6, 4];
    const shuffled = table(
      'y',
      order.map((i) => t[i] as number),
      Object.fromEntries(
        ['Turbiedad (NTU)', 'Lluvia (mm)'].map((n) => [
          n,
          order.map((i) => values(src, n)[i] as number),
        ]),
      ),
    );
    const before = structuredClone(shuffled);
    expect(values(resample(shuffled, 'hour'), 'Turbiedad (NTU)')).toEqual([3, 15, NaN, 7]);
    expect(shuffled).toEqual(before);
  });

  it('keeps the last label of a bin for categories and drops extra date columns', () => {
    const withCat = table('c', [T0, T0 + 60_000, T0 + H], { v: [1, 2, 3] }, [
      { name: 'Operador', kind: 'category', values: ['ana', null, 'luis'] },
      { name: 'Fecha muestra', kind: 'datetime', values: Float64Array.from([0, 0, 0]) },
    ]);
    const out = resample(withCat, 'hour');
    expect(out.columns.map((c) => c.name)).toEqual(['Fecha', 'v', 'Operador']);
    expect(out.columns[2]?.values).toEqual(['ana', 'luis']);
  });

  it('respects start/end and refuses absurd axes', () => {
    const out = resample(src, 'hour', { start: T0 - 2 * H, end: T0 + H });
    expect(values(out, 'Turbiedad (NTU)')).toEqual([NaN, NaN, 3, 15]);
    const stray = table('s', [Date.UTC(1900, 0, 1), T0], { v: [1, 2] });
    expect(() => resample(stray, '10min')).toThrow(/maxBins/);
  });

  it('throws without a time column; an all-NaN time gives an empty table', () => {
    const noTime: DataTable = {
      name: 'n',
      rowCount: 1,
      columns: [{ name: 'v', kind: 'number', values: new Float64Array(1) }],
    };
    expect(() => resample(noTime, 'hour')).toThrow(/date-time/);
    expect(resample(table('e', [NaN], { v: [1] }), 'hour').rowCount).toBe(0);
  });

  it('property: sums are preserved, means stay within each bin, bins are regular', () => {
    const rows = fc.array(
      fc.record({
        minute: fc.integer({ min: 0, max: 600 }),
        v: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(NaN)),
      }),
      { minLength: 1, maxLength: 80 },
    );
    fc.assert(
      fc.property(rows, (rs) => {
        const tm = rs.map((r) => T0 + r.minute * 60_000);
        const v = rs.map((r) => r.v);
        const src2 = table('p', tm, { 'Lluvia (mm)': v, Turbiedad: v });
        const out = resample(src2, 'hour');
        const time = values(out, 'Fecha');
        time.forEach((x, k) => expect(x).toBe((time[0] as number) + k * H));
        const total = v.filter((x) => !Number.isNaN(x)).reduce((a, b) => a + b, 0);
        const binned = values(out, 'Lluvia (mm)')
          .filter((x) => !Number.isNaN(x))
          .reduce((a, b) => a + b, 0);
        expect(binned).toBeCloseTo(total, 8);
        values(out, 'Turbiedad').forEach((m, k) => {
          const inBin = v.filter(
            (x, i) => !Number.isNaN(x) && binStart(tm[i] as number, H) === time[k],
          );
          if (inBin.length === 0) expect(m).toBeNaN();
          else {
            expect(m).toBeGreaterThanOrEqual(Math.min(...inBin) - 1e-9);
            expect(m).toBeLessThanOrEqual(Math.max(...inBin) + 1e-9);
          }
        });
      }),
      FC,
    );
  });
});

describe('joinOnTime', () => {
  const rain = table('lluvia.csv', [T0, T0 + H, T0 + 2 * H], {
    'Lluvia (mm)': [1, 0, 2],
    Estado: [1, 1, 1],
  });
  const plant = table('planta.csv', [T0 + 2 * H, T0 + 2 * H + 600_000, T0 + 4 * H, T0 + 5 * H], {
    'Turbiedad (NTU)': [10, 20, NaN, 40],
    Estado: [0, 0, 0, 0],
  });

  it('puts the sources on one axis with coverage per source', () => {
    const { table: out, step, coverage } = joinOnTime([rain, plant], 'hour');
    expect(step).toBe(H);
    expect(out.rowCount).toBe(6);
    expect(out.columns.map((c) => c.name)).toEqual([
      'Fecha',
      'Lluvia (mm)',
      'lluvia.csv: Estado',
      'Turbiedad (NTU)',
      'planta.csv: Estado',
    ]);
    expect(values(out, 'Lluvia (mm)')).toEqual([1, 0, 2, NaN, NaN, NaN]);
    expect(values(out, 'Turbiedad (NTU)')).toEqual([NaN, NaN, 15, NaN, NaN, 40]);
    expect(coverage[0]).toMatchObject({
      source: 'lluvia.csv',
      binsWithData: 3,
      coverage: 0.5,
      first: T0,
      last: T0 + 2 * H,
    });
    // planta: bin 4 has a row but only NaN in Turbiedad; Estado has a value there.
    expect(coverage[1]).toMatchObject({
      binsWithData: 3,
      coverage: 0.5,
      first: T0 + 2 * H,
      last: T0 + 5 * H,
    });
    expect(coverage[1]?.columnCoverage).toEqual([
      { column: 'Turbiedad (NTU)', coverage: 2 / 6 },
      { column: 'planta.csv: Estado', coverage: 3 / 6 },
    ]);
  });

  it('renames a column that would clash with the time column', () => {
    const clash = table('c', [T0], { Fecha: [1] });
    const out = joinOnTime([rain, clash], 'hour').table;
    expect(out.columns.map((c) => c.name)).toContain('Fecha (2)');
  });

  it('throws for a source without time', () => {
    const noTime: DataTable = { name: 'n', rowCount: 0, columns: [] };
    expect(() => joinOnTime([rain, noTime], 'hour')).toThrow(/date-time/);
  });
});
