import { describe, expect, it } from 'vitest';
import type { DataTable } from '../data-table';
import { detectLongFormat, normalizeHeader, pivotLong } from './pivot-long';

const t = (d: number, h: number): number => Date.UTC(2024, 0, d, h);

function longTable(): DataTable {
  const rows: [string, string, string, number, number, string | null][] = [
    ['21', 'La Ayurá', 'Turbiedad (UNT)', t(1, 0), 3.5, 'OK'],
    ['21', 'La Ayurá', 'pH', t(1, 0), 7.1, null],
    ['21', 'La Ayurá', 'Turbiedad (UNT)', t(1, 1), 4.0, 'SOSP'],
    ['22', 'Manantiales', 'Turbiedad (UNT)', t(1, 1), 8.0, null],
    ['21', 'La Ayurá', 'Turbiedad (UNT)', t(1, 0), 99, 'DUP'],
    ['22', 'Manantiales', 'Turbiedad (UNT)', Number.NaN, 1, null],
  ];
  return {
    name: 'largo.csv',
    rowCount: rows.length,
    columns: [
      { name: 'CodigoEstacion', kind: 'category', values: rows.map((r) => r[0]) },
      { name: 'NombreEstacion', kind: 'category', values: rows.map((r) => r[1]) },
      { name: 'Latitud', kind: 'number', values: new Float64Array(rows.length).fill(6.2) },
      { name: 'Parámetro', kind: 'category', values: rows.map((r) => r[2]) },
      { name: 'Fecha', kind: 'datetime', values: Float64Array.from(rows, (r) => r[3]) },
      { name: 'Valor', kind: 'number', values: Float64Array.from(rows, (r) => r[4]) },
      { name: 'Calidad', kind: 'category', values: rows.map((r) => r[5]) },
    ],
  };
}

describe('detectLongFormat', () => {
  it('finds the roles from Spanish or English headers', () => {
    const cols = longTable().columns.map((c) => ({ name: c.name, kind: c.kind }));
    expect(detectLongFormat(cols)).toEqual({
      station: 'CodigoEstacion',
      stationName: 'NombreEstacion',
      variable: 'Parámetro',
      time: 'Fecha',
      value: 'Valor',
      flag: 'Calidad',
    });
    expect(
      detectLongFormat([
        { name: 'station', kind: 'category' },
        { name: 'variable', kind: 'category' },
        { name: 'date', kind: 'datetime' },
        { name: 'value', kind: 'number' },
        { name: 'flag', kind: 'category' },
      ]),
    ).toEqual({
      stationName: 'station',
      variable: 'variable',
      time: 'date',
      value: 'value',
      flag: 'flag',
    });
  });

  it('does not fire on a wide table', () => {
    expect(
      detectLongFormat([
        { name: 'Fecha', kind: 'datetime' },
        { name: 'Turbiedad', kind: 'number' },
        { name: 'pH', kind: 'number' },
      ]),
    ).toBeNull();
    // A value column that is text is not a long table (unless forced).
    const cols = [
      { name: 'variable', kind: 'category' as const },
      { name: 'fecha', kind: 'datetime' as const },
      { name: 'valor', kind: 'category' as const },
    ];
    expect(detectLongFormat(cols)).toBeNull();
    expect(detectLongFormat(cols, true)).not.toBeNull();
  });

  it('normalizes headers', () => {
    expect(normalizeHeader('Código Estación')).toBe('codigoestacion');
    expect(normalizeHeader('PARÁMETRO')).toBe('parametro');
  });
});

describe('pivotLong', () => {
  it('pivots to one column per station × variable, with flags, keeping the first duplicate', () => {
    const table = longTable();
    const roles = detectLongFormat(table.columns.map((c) => ({ name: c.name, kind: c.kind })))!;
    const { table: wide, report } = pivotLong(table, roles);
    expect(wide.rowCount).toBe(2);
    expect(wide.columns.map((c) => c.name)).toEqual([
      'Fecha',
      'La Ayurá · Turbiedad (UNT)',
      'La Ayurá · Turbiedad (UNT) · Calidad',
      'La Ayurá · pH',
      'Manantiales · Turbiedad (UNT)',
    ]);
    const [time, turb, flag, ph, man] = wide.columns;
    expect(Array.from(time!.values as Float64Array)).toEqual([t(1, 0), t(1, 1)]);
    expect(Array.from(turb!.values as Float64Array)).toEqual([3.5, 4.0]);
    expect(turb).toMatchObject({ kind: 'number', unit: 'UNT' });
    expect(flag).toMatchObject({ kind: 'category', values: ['OK', 'SOSP'] });
    expect(Array.from(ph!.values as Float64Array)).toEqual([7.1, NaN]);
    expect(Array.from(man!.values as Float64Array)).toEqual([NaN, 8.0]);
    expect(report).toMatchObject({
      longRows: 6,
      series: 3,
      times: 2,
      duplicateKeys: 1,
      rowsMissingKey: 1,
      droppedColumns: ['Latitud'],
    });
  });

  it('disambiguates a station name shared by two codes, and works without stations', () => {
    const table: DataTable = {
      name: 'x',
      rowCount: 3,
      columns: [
        { name: 'codigo', kind: 'number', values: Float64Array.from([1, 2, 1]) },
        { name: 'estacion', kind: 'category', values: ['Río', 'Río', 'Río'] },
        { name: 'variable', kind: 'category', values: ['Q', 'Q', 'Q'] },
        { name: 'fecha', kind: 'datetime', values: Float64Array.from([t(1, 0), t(1, 0), t(1, 1)]) },
        { name: 'valor', kind: 'number', values: Float64Array.from([1, 2, 3]) },
      ],
    };
    const roles = detectLongFormat(table.columns)!;
    expect(pivotLong(table, roles).table.columns.map((c) => c.name)).toEqual([
      'fecha',
      'Río (1) · Q',
      'Río (2) · Q',
    ]);
    const bare = pivotLong(table, { variable: 'variable', time: 'fecha', value: 'valor' });
    expect(bare.table.columns.map((c) => c.name)).toEqual(['fecha', 'Q']);
    expect(bare.report.duplicateKeys).toBe(1);
  });

  it('refuses a pivot wider than maxColumns', () => {
    const table = longTable();
    const roles = detectLongFormat(table.columns)!;
    expect(() => pivotLong(table, roles, { maxColumns: 3 })).toThrow(/too-many-columns/);
  });
});
