import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column, DataTable } from '../data-table';
import type { Delimiter } from './detect-dialect';
import { IngestError } from './ingest-report';
import type { IngestOptions, IngestResult } from './parse-csv';
import { normalizeLineEndings, parseCsv, parseCsvText } from './parse-csv';
import type { DecimalSeparator } from './parse-number';
import { formatNumber } from './parse-number';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s);

function col(result: IngestResult | DataTable, name: string): Column {
  const table = 'table' in result ? result.table : result;
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}: ${table.columns.map((x) => x.name).join('|')}`);
  return c;
}

function values(result: IngestResult, name: string): (number | string | null)[] {
  return Array.from(col(result, name).values as ArrayLike<number | string | null>);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof IngestError) return error.code;
    throw error;
  }
  return undefined;
}

describe('parseCsv: encodings and dialects', () => {
  it('reads a Spanish Excel export (Latin-1, ;, decimal comma, d/m/yyyy)', () => {
    const csv =
      'Turbiedad (UNT);Fecha;Año;Estación\r\n' +
      '1,5;01/02/2024 08:00;2024;Peñol\r\n' +
      '12,25;13/02/2024 09:30;2024;Ayurá\r\n' +
      ';14/02/2024 10:00;2024;sin dato\r\n';
    const r = parseCsv(latin1(csv), { name: 'planta.csv' });
    expect(r.report.encoding).toEqual({
      used: 'windows-1252',
      detected: 'windows-1252',
      bom: false,
    });
    expect(r.report.dialect.used).toEqual({
      delimiter: ';',
      decimal: ',',
      thousands: null,
      hasHeader: true,
    });
    expect(r.report.lineEndings).toBe('crlf');
    expect(r.table.name).toBe('planta.csv');
    expect(r.table.rowCount).toBe(3);
    expect(r.table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['Turbiedad (UNT)', 'number'],
      ['Fecha', 'datetime'],
      ['Año', 'number'],
      ['Estación', 'category'],
    ]);
    expect(values(r, 'Turbiedad (UNT)')).toEqual([1.5, 12.25, NaN]);
    expect(col(r, 'Turbiedad (UNT)')).toMatchObject({ unit: 'UNT' });
    expect(values(r, 'Fecha')).toEqual([
      at(2024, 2, 1, 8),
      at(2024, 2, 13, 9, 30),
      at(2024, 2, 14, 10),
    ]);
    expect(values(r, 'Estación')).toEqual(['Peñol', 'Ayurá', null]);
    expect(r.report.columns[0]).toMatchObject({ missing: 1, rejected: 0, missingShare: 1 / 3 });
    expect(r.report.columns[1]).toMatchObject({ datetimeFormat: 'dmy' });
  });

  it('reads UTF-8 with a BOM', () => {
    const r = parseCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('pH,Fecha\n7.1,2024-01-01\n')]));
    expect(r.report.encoding.bom).toBe(true);
    expect(r.table.columns[0]!.name).toBe('pH');
    expect(values(r, 'pH')).toEqual([7.1]);
  });

  it('reads tab- and pipe-delimited files', () => {
    const tab = parseCsvText('a\tb\n1.5\tx\n2\ty\n');
    expect(tab.report.dialect.used.delimiter).toBe('\t');
    expect(values(tab, 'a')).toEqual([1.5, 2]);
    const pipe = parseCsvText('a|b\n1|x\n2|y\n');
    expect(pipe.report.dialect.used.delimiter).toBe('|');
    expect(values(pipe, 'b')).toEqual(['x', 'y']);
  });

  it('reads quoted fields with embedded delimiters, quotes and newlines', () => {
    const r = parseCsvText('nota,valor\n"Planta, norte",1\n"dijo ""hola""\nsegunda línea",2\n');
    expect(values(r, 'nota')).toEqual(['Planta, norte', 'dijo "hola"\nsegunda línea']);
    expect(values(r, 'valor')).toEqual([1, 2]);
  });

  it('reads numbers with thousands separators in both styles', () => {
    const es = parseCsvText('caudal;x\n"1.234,5";a\n12.345.678;b\n7,25;c\n');
    expect(es.report.dialect.used).toMatchObject({ decimal: ',', thousands: '.' });
    expect(values(es, 'caudal')).toEqual([1234.5, 12345678, 7.25]);
    const en = parseCsvText('caudal\tx\n1,234.5\ta\n12,345,678\tb\n7.25\tc\n');
    expect(en.report.dialect.used).toMatchObject({ decimal: '.', thousands: ',' });
    expect(values(en, 'caudal')).toEqual([1234.5, 12345678, 7.25]);
  });

  it('honours dialect overrides', () => {
    const r = parseCsvText('1;2\n3;4\n', { hasHeader: false, delimiter: ';', decimal: '.' });
    expect(r.table.columns.map((c) => c.name)).toEqual(['column_1', 'column_2']);
    expect(values(r, 'column_1')).toEqual([1, 3]);
    expect(r.report.columns[0]!.renamed).toBe('generated');
  });

  it('normalizes mixed CRLF / LF / CR line endings', () => {
    const r = parseCsvText('a,b\r\n1,2\n3,4\r5,6\r\n');
    expect(r.report.lineEndings).toBe('mixed');
    expect(values(r, 'b')).toEqual([2, 4, 6]);
    expect(normalizeLineEndings('a\rb').endings).toBe('cr');
    expect(normalizeLineEndings('a\r\nb\r\n').newline).toBe('\r\n');
  });
});

describe('parseCsv: rows and headers', () => {
  it('rejects ragged rows with reasons, skips blank rows', () => {
    const r = parseCsvText('a,b,c\n1,2,3\n4,5\n\n6,7,8,9\n,,\n10,11,12\n');
    expect(r.table.rowCount).toBe(2);
    expect(r.report).toMatchObject({
      rowsRead: 4,
      rowsAccepted: 2,
      rowsRejected: 2,
      blankRowsSkipped: 2,
    });
    expect(r.report.rejectReasons).toEqual([
      { reason: 'too-few-fields', count: 1, firstRecord: 3, firstFieldCount: 2 },
      { reason: 'too-many-fields', count: 1, firstRecord: 5, firstFieldCount: 4 },
    ]);
    expect(values(r, 'a')).toEqual([1, 10]);
  });

  it('accepts a trailing delimiter on data rows, or on every row', () => {
    const rowsOnly = parseCsvText('a;b\n1;2;\n3;4;\n');
    expect(rowsOnly.report.rowsRejected).toBe(0);
    expect(rowsOnly.table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    const everywhere = parseCsvText('a;b;\n1;2;\n3;4;\n');
    expect(everywhere.table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(everywhere.report.warnings).toContainEqual({
      code: 'empty-column-dropped',
      column: 'column_3',
    });
    const headerOnly = parseCsvText('a;b;\n1;2\n3;4\n');
    expect(headerOnly.report.rowsRejected).toBe(0);
    expect(values(headerOnly, 'b')).toEqual([2, 4]);
  });

  it('renames duplicate and empty headers, keeping data-bearing unnamed columns', () => {
    const r = parseCsvText('pH,,pH,\n7,x,8,\n7.2,y,8.1,\n');
    expect(r.table.columns.map((c) => c.name)).toEqual(['pH', 'column_2', 'pH_2']);
    expect(r.report.columns.map((c) => c.renamed)).toEqual([null, 'empty', 'duplicate']);
    expect(values(r, 'pH_2')).toEqual([8, 8.1]);
  });

  it('keeps formulas and markup as plain text', () => {
    const r = parseCsvText(
      '<script>alert(1)</script>,link\n1,"=HYPERLINK(""http://evil"",""clic"")"\n2,=1+1\n',
    );
    expect(r.table.columns[0]!.name).toBe('<script>alert(1)</script>');
    expect(values(r, 'link')).toEqual(['=HYPERLINK("http://evil","clic")', '=1+1']);
    expect(col(r, 'link').kind).toBe('category');
  });

  it('reads a single-column file, including decimal commas', () => {
    const r = parseCsvText('turbiedad\n1,5\n2,5\n');
    expect(r.table.columns).toHaveLength(1);
    expect(values(r, 'turbiedad')).toEqual([1.5, 2.5]);
  });

  it('reads 10,000 columns and refuses 10,001', () => {
    const wide = (n: number): string =>
      `${Array.from({ length: n }, (_, i) => `c${i}`).join(',')}\n` +
      `${Array.from({ length: n }, (_, i) => i).join(',')}\n`;
    const r = parseCsvText(wide(10_000));
    expect(r.table.columns).toHaveLength(10_000);
    expect(values(r, 'c9999')).toEqual([9999]);
    expect(codeOf(() => parseCsvText(wide(10_001)))).toBe('too-many-columns');
    expect(codeOf(() => parseCsvText(wide(50), { maxColumns: 49 }))).toBe('too-many-columns');
  });
});

describe('parseCsv: errors', () => {
  it('reports each fatal condition as a code', () => {
    expect(codeOf(() => parseCsv(new Uint8Array(0)))).toBe('empty-file');
    expect(codeOf(() => parseCsvText('\n\n  \n'))).toBe('empty-file');
    expect(codeOf(() => parseCsvText(';;;\n;;;\n'))).toBe('empty-file');
    expect(codeOf(() => parseCsvText('Fecha;Turbiedad\n'))).toBe('header-only');
    expect(codeOf(() => parseCsvText('a,b\n1,2,3,4\n5\n'))).toBe('no-data-rows');
    expect(codeOf(() => parseCsvText('a,b\n1,"open\n2,3\n'))).toBe('unbalanced-quotes');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73]);
    expect(codeOf(() => parseCsv(png))).toBe('binary-file');
    expect(codeOf(() => parseCsv(utf8('a\n1\n'), { maxBytes: 3 }))).toBe('file-too-large');
  });

  it('carries details for the UI', () => {
    try {
      parseCsvText('a,b\n1,"open\n2,3\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).details).toEqual({ record: 2 });
    }
  });
});

describe('parseCsv: cell typing', () => {
  it('counts unparseable numbers per column: NaN, Infinity, 1e309, text', () => {
    const rows = [
      'v',
      'NaN',
      'Infinity',
      '1e309',
      'abc',
      ...Array.from({ length: 36 }, (_, i) => `${i}`),
    ];
    const r = parseCsvText(`${rows.join('\n')}\n`);
    expect(col(r, 'v').kind).toBe('number');
    expect(values(r, 'v').slice(0, 5)).toEqual([NaN, NaN, NaN, NaN, 0]);
    expect(r.report.columns[0]).toMatchObject({
      missing: 1,
      rejected: 3,
      rejectedExample: 'Infinity',
    });
  });

  it('types each date-time format per column and counts invalid dates', () => {
    const csv = [
      'iso;dmy;ymd;compact;epoch_s;epoch_ms;mdy',
      '2024-03-01 08:05;01/03/2024 08:05;2024/03/01 08:05:00;20240301080500;1709280300;1709280300000;03/13/2024',
      '2024-03-01T09:05:00;01/03/2024 09:05;2024/03/01 09:05:00;20240301090500;1709283900;1709283900000;03/01/2024',
    ].join('\n');
    const r = parseCsvText(csv);
    const formats = Object.fromEntries(r.report.columns.map((c) => [c.name, c.datetimeFormat]));
    expect(formats).toEqual({
      iso: 'iso',
      dmy: 'dmy',
      ymd: 'ymd',
      compact: 'compact',
      epoch_s: 'epoch-s',
      epoch_ms: 'epoch-ms',
      mdy: 'mdy',
    });
    for (const name of ['iso', 'dmy', 'ymd', 'compact', 'epoch_s', 'epoch_ms'])
      expect(values(r, name), name).toEqual([at(2024, 3, 1, 8, 5), at(2024, 3, 1, 9, 5)]);
    expect(values(r, 'mdy')).toEqual([at(2024, 3, 13), at(2024, 3, 1)]);
  });

  it('turns invalid dates into NaN and counts them', () => {
    const days = Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(2, '0')}/02/2024`);
    days[5] = '31/02/2024';
    const r = parseCsvText(`fecha\n${days.join('\n')}\n`);
    expect(col(r, 'fecha').kind).toBe('datetime');
    expect(values(r, 'fecha')[5]).toBeNaN();
    expect(values(r, 'fecha')[6]).toBe(at(2024, 2, 7));
    expect(r.report.columns[0]).toMatchObject({ rejected: 1, rejectedExample: '31/02/2024' });
  });

  it('reads ambiguous d/m day-first by default, month-first on request, and warns', () => {
    const csv = 'fecha,v\n01/02/2024,1\n03/04/2024,2\n';
    const dayFirst = parseCsvText(csv);
    expect(values(dayFirst, 'fecha')).toEqual([at(2024, 2, 1), at(2024, 4, 3)]);
    expect(dayFirst.report.warnings).toContainEqual({
      code: 'day-month-ambiguous',
      column: 'fecha',
      details: { assumed: 'dmy' },
    });
    expect(values(parseCsvText(csv, { monthFirst: true }), 'fecha')).toEqual([
      at(2024, 1, 2),
      at(2024, 3, 4),
    ]);
  });

  it('warns when offsets are ignored', () => {
    const r = parseCsvText('time,v\n2024-03-01T13:00:00Z,1\n');
    expect(values(r, 'time')).toEqual([at(2024, 3, 1, 13)]);
    expect(r.report.warnings).toContainEqual({ code: 'offsets-ignored', column: 'time' });
    const converted = parseCsvText('time,v\n2024-03-01T13:00:00Z,1\n', {
      timeZoneOffsetMinutes: -300,
    });
    expect(values(converted, 'time')).toEqual([at(2024, 3, 1, 8)]);
  });

  it('honours per-column type overrides', () => {
    const r = parseCsvText('codigo,fecha,v\n0012,20240301,1\n0013,20240302,2\n', {
      columnTypes: { codigo: 'category', v: 'category' },
    });
    expect(values(r, 'codigo')).toEqual(['0012', '0013']);
    expect(values(r, 'v')).toEqual(['1', '2']);
    expect(col(r, 'fecha').kind).toBe('datetime');
    expect(r.report.columns[0]!.overridden).toBe(true);
    const forced = parseCsvText('x\n2024-01-01\nno\n', { columnTypes: { x: 'datetime' } });
    expect(values(forced, 'x')).toEqual([at(2024, 1, 1), NaN]);
    expect(forced.report.columns[0]).toMatchObject({ kind: 'datetime', rejected: 1 });
  });

  it('treats headers named like Object.prototype members as plain names', () => {
    const r = parseCsvText('constructor,__proto__,toString\n1,a,2024-01-01\n2,b,2024-01-02\n', {
      columnTypes: {},
    });
    expect(r.table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['constructor', 'number'],
      ['__proto__', 'category'],
      ['toString', 'datetime'],
    ]);
    expect(r.report.columns.every((c) => !c.overridden)).toBe(true);
  });

  it('checks the sample-based type against the whole column', () => {
    // 1,200 numbers, then 300 text cells: the sample says number, the whole column says category.
    const lines = ['id;v'];
    for (let i = 0; i < 1200; i++) lines.push(`${i};${i}`);
    for (let i = 0; i < 300; i++) lines.push(`${i};texto ${i}`);
    const r = parseCsvText(`${lines.join('\n')}\n`);
    expect(col(r, 'v').kind).toBe('category');
    expect(values(r, 'v')[1499]).toBe('texto 299');
    expect(r.report.warnings).toContainEqual({
      code: 'column-retyped',
      column: 'v',
      details: { from: 'number', to: 'category' },
    });
    // A few bad cells late in the file do not retype; they are counted.
    const few = [
      'id;v',
      ...Array.from({ length: 1500 }, (_, i) => `${i};${i % 50 === 0 && i > 1100 ? 'x' : i}`),
    ];
    const ok = parseCsvText(`${few.join('\n')}\n`);
    expect(col(ok, 'v').kind).toBe('number');
    expect(ok.report.columns[1]!.rejected).toBe(7);
  });

  it('types a column whose sample is all missing from the whole file', () => {
    const lines = ['id,v'];
    for (let i = 0; i < 1100; i++) lines.push(`${i},`);
    lines.push('1100,2.5', '1101,3');
    const r = parseCsvText(`${lines.join('\n')}\n`);
    expect(col(r, 'v').kind).toBe('number');
    expect(values(r, 'v').slice(-2)).toEqual([2.5, 3]);
  });

  it('honours custom missing tokens', () => {
    const r = parseCsvText('v,p\n-999,A\n1,ND\n', { missingTokens: ['', '-999', 'nd'] });
    expect(values(r, 'v')).toEqual([NaN, 1]);
    expect(values(r, 'p')).toEqual(['A', null]);
  });
});

describe('parseCsv: mixed number styles', () => {
  it('gives a column its own number format when the file one does not fit', () => {
    const r = parseCsvText(
      'lat,lon,valor\n"6,17","-75,57",0.2\n"6,28","-75,63",1.4\n"6,3","-75,6",3\n',
    );
    expect(r.report.dialect.used.decimal).toBe(',');
    expect(values(r, 'lat')).toEqual([6.17, 6.28, 6.3]);
    expect(values(r, 'valor')).toEqual([0.2, 1.4, 3]);
    expect(r.report.columns[2]!.numberFormat).toEqual({ decimal: '.', thousands: null });
    expect(r.report.columns[0]!.numberFormat).toBeUndefined();
  });

  it('prefers a thousands separator over switching the decimal', () => {
    const r = parseCsvText('a;b\n1,5;1.234\n2,5;12.345.678\n', { decimal: ',', thousands: null });
    expect(values(r, 'b')).toEqual([1234, 12345678]);
  });
});

describe('parseCsv: long format', () => {
  const csv = [
    'CodigoEstacion;NombreEstacion;Parametro;Fecha;Valor;Calidad',
    '0021;La Ayurá;Turbiedad (UNT);2024-01-01 00:00;3,5;OK',
    '0021;La Ayurá;pH;2024-01-01 00:00;7,1;',
    '0021;La Ayurá;Turbiedad (UNT);2024-01-01 01:00;4;SOSP',
    '0022;Manantiales;Turbiedad (UNT);2024-01-01 01:00;8;',
    '0021;La Ayurá;Turbiedad (UNT);2024-01-01 00:00;99;DUP',
  ].join('\n');

  it('detects and pivots a long table', () => {
    const r = parseCsvText(csv);
    expect(r.table.columns.map((c) => c.name)).toEqual([
      'Fecha',
      'La Ayurá · Turbiedad (UNT)',
      'La Ayurá · Turbiedad (UNT) · Calidad',
      'La Ayurá · pH',
      'Manantiales · Turbiedad (UNT)',
    ]);
    expect(r.table.rowCount).toBe(2);
    expect(values(r, 'La Ayurá · Turbiedad (UNT)')).toEqual([3.5, 4]);
    expect(r.report.longFormat).toMatchObject({
      roles: { station: 'CodigoEstacion', stationName: 'NombreEstacion', flag: 'Calidad' },
      series: 3,
      times: 2,
      duplicateKeys: 1,
    });
    // The pre-pivot report keeps the station code as text (leading zeros).
    expect(r.report.columns[0]).toMatchObject({ name: 'CodigoEstacion', kind: 'category' });
  });

  it('pivots an IDEAM-style export (quoted, mixed decimal styles, numeric codes)', () => {
    const ideam = [
      '"CodigoEstacion","NombreEstacion","Latitud","IdParametro","Etiqueta","Fecha","Valor","Calidad"',
      '"27015070","AYURA - AUT","6,17","PRECIPITACION","PTPM_CON","2023-01-01 07:00:00.000","0.2","1"',
      '"27015070","AYURA - AUT","6,17","PRECIPITACION","PTPM_CON","2023-01-01 08:00:00.000","1.4","1"',
      '"27015080","SAN CRISTOBAL","6,28","PRECIPITACION","PTPM_CON","2023-01-01 07:00:00.000","3",""',
    ].join('\r\n');
    const r = parseCsvText(ideam);
    expect(r.table.columns.map((c) => c.name)).toEqual([
      'Fecha',
      'AYURA - AUT · PRECIPITACION',
      'AYURA - AUT · PRECIPITACION · Calidad',
      'SAN CRISTOBAL · PRECIPITACION',
    ]);
    expect(values(r, 'AYURA - AUT · PRECIPITACION')).toEqual([0.2, 1.4]);
    expect(values(r, 'SAN CRISTOBAL · PRECIPITACION')).toEqual([3, NaN]);
    expect(r.report.longFormat?.droppedColumns).toEqual(['Latitud', 'Etiqueta']);
  });

  it('can be switched off or forced', () => {
    expect(parseCsvText(csv, { longFormat: 'never' }).table.columns).toHaveLength(6);
    expect(codeOf(() => parseCsvText('a,b\n1,2\n', { longFormat: 'force' }))).toBe(
      'long-format-columns-missing',
    );
    const explicit = parseCsvText(csv, {
      longFormat: { variable: 'Parametro', time: 'Fecha', value: 'Valor' },
    });
    expect(explicit.table.columns.map((c) => c.name)).toEqual(['Fecha', 'Turbiedad (UNT)', 'pH']);
  });
});

describe('parseCsv: progress and cancel', () => {
  const big = `a,b\n${Array.from({ length: 20_000 }, (_, i) => `${i},${i / 4}`).join('\n')}\n`;

  for (const engine of ['auto', 'papaparse'] as const) {
    it(`reports progress up to the byte length and stops on cancel (${engine})`, () => {
      const bytes = utf8(big);
      const seen: number[] = [];
      parseCsv(
        bytes,
        { chunkSize: 16_384, engine },
        {
          onProgress: (done, total) => {
            expect(total).toBe(bytes.length);
            seen.push(done);
          },
        },
      );
      expect(seen.length).toBeGreaterThan(5);
      expect(seen.at(-1)).toBe(bytes.length);
      expect([...seen].sort((x, y) => x - y)).toEqual(seen);
      let calls = 0;
      expect(
        codeOf(() =>
          parseCsv(bytes, { chunkSize: 16_384, engine }, { shouldCancel: () => ++calls > 2 }),
        ),
      ).toBe('cancelled');
    });
  }
});

// ---------------------------------------------------------------- property tests

type GenColumn =
  | { kind: 'number'; values: (number | null)[] }
  | { kind: 'datetime'; values: (number | null)[] }
  | { kind: 'category'; values: (string | null)[] };

function quote(field: string, delimiter: string): string {
  return /["\r\n]/.test(field) || field.includes(delimiter)
    ? `"${field.replace(/"/g, '""')}"`
    : field;
}

function toCsv(
  columns: GenColumn[],
  delimiter: Delimiter,
  decimal: DecimalSeparator,
  newline: string,
): string {
  const header = columns.map((_, i) => `h${i}`).join(delimiter);
  const rows = columns[0]!.values.length;
  const lines = [header];
  for (let r = 0; r < rows; r++)
    lines.push(
      columns
        .map((c) => {
          const v = c.values[r];
          if (v === null || v === undefined) return '';
          if (c.kind === 'number')
            return quote(formatNumber(v as number, { decimal, thousands: null }), delimiter);
          if (c.kind === 'datetime')
            return new Date(v as number).toISOString().slice(0, 19).replace('T', ' ');
          return quote(v as string, delimiter);
        })
        .join(delimiter),
    );
  return lines.join(newline) + newline;
}

const noNegZero = (x: number): number => (x === 0 ? 0 : x);

function columnArb(text: fc.Arbitrary<string>, rows: number): fc.Arbitrary<GenColumn> {
  // The first cell is never missing, so every column has something to type it by.
  const withMissing = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<(T | null)[]> =>
    fc
      .tuple(
        arb,
        fc.array(fc.option(arb, { freq: 5 }), { minLength: rows - 1, maxLength: rows - 1 }),
      )
      .map(([first, rest]) => [first, ...rest]);
  return fc.oneof(
    withMissing(fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegZero)).map(
      (values): GenColumn => ({ kind: 'number', values }),
    ),
    withMissing(
      fc.integer({ min: at(2000, 1, 1) / 1000, max: at(2030, 1, 1) / 1000 }).map((s) => s * 1000),
    ).map((values): GenColumn => ({ kind: 'datetime', values })),
    withMissing(text).map((values): GenColumn => ({ kind: 'category', values })),
  );
}

/** Category text: starts with a letter (so it never reads as a number, date or missing token). */
function categoryText(extra: string): fc.Arbitrary<string> {
  const chars = fc.constantFrom(...`abcXYZñá 0.5${extra}`.split(''));
  return fc
    .tuple(fc.constantFrom('a', 'Z', 'ñ', 'q'), fc.array(chars, { maxLength: 8 }))
    .map(([head, tail]) => (head + tail.join('')).trimEnd());
}

const tableArb = (extra: string): fc.Arbitrary<GenColumn[]> =>
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 25 }))
    .chain(([cols, rows]) =>
      fc.array(columnArb(categoryText(extra), rows), { minLength: cols, maxLength: cols }),
    );

/** Expected cells; a row with every cell missing is a blank record, which the parser skips. */
function expectSameValues(result: IngestResult, columns: GenColumn[]): void {
  expect(result.table.columns.map((c) => c.kind)).toEqual(columns.map((c) => c.kind));
  const rows = columns[0]!.values.length;
  const kept = Array.from({ length: rows }, (_, r) => r).filter((r) =>
    columns.some((c) => c.values[r] !== null),
  );
  columns.forEach((c, i) => {
    const got = Array.from(result.table.columns[i]!.values as ArrayLike<unknown>);
    const want = kept.map((r) => {
      const v = c.values[r] ?? null;
      return v === null ? (c.kind === 'category' ? null : NaN) : v;
    });
    expect(got).toEqual(want);
  });
}

describe('parseCsv: properties', () => {
  const delimiterArb = fc.constantFrom<Delimiter>(',', ';', '\t', '|');
  const decimalArb = fc.constantFrom<DecimalSeparator>('.', ',');
  const newlineArb = fc.constantFrom('\n', '\r\n');

  it('a generated table written with any delimiter parses back to the same values', () => {
    fc.assert(
      fc.property(
        tableArb(',;|\t"\n'),
        delimiterArb,
        decimalArb,
        newlineArb,
        (columns, delimiter, decimal, newline) => {
          const text = toCsv(columns, delimiter, decimal, newline);
          const options: IngestOptions = { delimiter, decimal, thousands: null, hasHeader: true };
          expectSameValues(parseCsvText(text, options), columns);
          expectSameValues(parseCsvText(text, { ...options, engine: 'papaparse' }), columns);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('detection recovers the dialect of multi-column tables', () => {
    const detectable = fc
      .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 25 }))
      .chain(([cols, rows]) =>
        fc.array(
          fc.oneof(
            columnArb(categoryText(' "\n'), rows),
            fc
              .array(fc.integer({ min: -99_999, max: 99_999 }), {
                minLength: rows,
                maxLength: rows,
              })
              .map((ints): GenColumn => ({
                kind: 'number',
                values: ints.map((k) => noNegZero(k / 100)),
              })),
          ),
          { minLength: cols, maxLength: cols },
        ),
      )
      // Decimal detection needs at least one number written with a decimal separator, as in real
      // files (`5e-324` is fractional yet written without one, so it tells nothing).
      .filter((cols) =>
        cols.some(
          (c) =>
            c.kind === 'number' &&
            c.values.some((v) => v !== null && formatNumber(v).includes('.')),
        ),
      )
      .filter((cols) => cols.some((c) => c.kind !== 'category'));
    fc.assert(
      fc.property(
        detectable,
        delimiterArb,
        decimalArb,
        newlineArb,
        (columns, delimiter, decimal, newline) => {
          fc.pre(!(delimiter === ',' && decimal === ','));
          const text = toCsv(columns, delimiter, decimal, newline);
          const result = parseCsvText(text);
          expect(result.report.dialect.used).toMatchObject({ delimiter, decimal, hasHeader: true });
          expectSameValues(result, columns);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the fast scanner and papaparse agree on quote-free files, ragged and blank rows included', () => {
    const cell = fc.constantFrom('', ' ', '1', '2,5', '3.25', 'x', 'NA', '2024-01-01', 'a b');
    const line = fc.array(cell, { minLength: 0, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        delimiterArb,
        newlineArb,
        fc.boolean(),
        (lines, delimiter, newline, finalNewline) => {
          const text =
            ['h0', 'h1', 'h2'].join(delimiter) +
            newline +
            lines.map((l) => l.join(delimiter)).join(newline) +
            (finalNewline ? newline : '');
          const options: IngestOptions = { delimiter, hasHeader: true, decimal: '.' };
          const run = (engine: 'auto' | 'papaparse'): unknown => {
            try {
              const r = parseCsvText(text, { ...options, engine });
              const { elapsedMs: _elapsed, ...report } = r.report;
              return { table: r.table, report };
            } catch (error) {
              return (error as IngestError).code;
            }
          };
          expect(run('auto')).toEqual(run('papaparse'));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseCsv: hostile quotes and non-finite numbers (issue #8)', () => {
  it('keeps a quote inside an unquoted field as text', () => {
    const r = parseCsvText('tubo,valor\n12" pvc,1\nhe said "hi,2\nok,3\n');
    expect(r.table.rowCount).toBe(3);
    expect(values(r, 'tubo')).toEqual(['12" pvc', 'he said "hi', 'ok']);
    expect(values(r, 'valor')).toEqual([1, 2, 3]);
  });

  it('refuses text after a closing quote instead of merging the records that follow', () => {
    // Without a later quote papaparse reports MissingQuotes; with one it used to swallow
    // `ok,2` into the field silently. Both must give the same error and record number.
    for (const tail of ['ok,2\nfine,3\n', 'ok,2\n"fine",3\n']) {
      try {
        parseCsvText(`nota,valor\nx,0\n"abc"def,1\n${tail}`);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(IngestError);
        expect((error as IngestError).code).toBe('unbalanced-quotes');
        expect((error as IngestError).details).toEqual({ record: 3 });
      }
    }
    const formula = 'n,v\n=HYPERLINK("http://x.invalid","clic"),1\n"=B1",2\n';
    expect(codeOf(() => parseCsvText(formula))).toBe('unbalanced-quotes');
    // Quoted the way Excel writes it, the same formula is a plain text cell.
    const quoted = parseCsvText('n,v\n"=HYPERLINK(""http://x.invalid"",""clic"")",1\n');
    expect(values(quoted, 'n')).toEqual(['=HYPERLINK("http://x.invalid","clic")']);
  });

  it('types a column of Infinity / 1e309 text as numbers, read as unreadable with a note', () => {
    const r = parseCsvText('x,y,z\nInfinity,NaN,1\n-Infinity,1e309,2\ninf,-2E400,3\n');
    expect(col(r, 'x').kind).toBe('number');
    expect(col(r, 'y').kind).toBe('number');
    expect(values(r, 'x')).toEqual([NaN, NaN, NaN]);
    expect(values(r, 'y')).toEqual([NaN, NaN, NaN]);
    expect(r.report.columns[0]).toMatchObject({
      missing: 0,
      rejected: 3,
      rejectedExample: 'Infinity',
    });
    // `NaN` is a missing token, not an unreadable number.
    expect(r.report.columns[1]).toMatchObject({
      missing: 1,
      rejected: 2,
      rejectedExample: '1e309',
    });
    const notes = r.report.warnings.filter((w) => w.code === 'non-finite-numbers');
    expect(notes).toEqual([
      { code: 'non-finite-numbers', column: 'x', count: 3 },
      { code: 'non-finite-numbers', column: 'y', count: 2 },
    ]);
    expect(r.report.warnings.some((w) => w.code === 'column-retyped')).toBe(false);
  });

  it('notes non-finite cells met only after the sample, with a decimal comma', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `${i};${i},5`);
    rows.push('Infinito;1,5e400');
    const r = parseCsvText(`a;b\n${rows.join('\n')}\n`);
    expect(r.report.dialect.used.decimal).toBe(',');
    expect(col(r, 'b').kind).toBe('number');
    expect(r.report.columns.map((c) => c.rejected)).toEqual([1, 1]);
    expect(r.report.warnings.filter((w) => w.code === 'non-finite-numbers')).toHaveLength(2);
  });
});
