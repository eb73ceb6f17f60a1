/**
 * The hostile corpus of e2e/fixtures/hostile (issue #8) through the parser alone: the same
 * expected outcomes the browser run checks, in about a second, so a parser change that moves an
 * outcome is caught here first.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostileCorpus, isErrorExpectation } from '../../../e2e/hostile/corpus';
import { IngestError } from './ingest-report';
import { parseCsv } from './parse-csv';

describe('hostile corpus (e2e/fixtures/hostile)', () => {
  const corpus = hostileCorpus();

  it('has at least 40 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s', (_, file) => {
    const bytes = new Uint8Array(readFileSync(file.path));
    const e = file.expected;
    if (isErrorExpectation(e)) {
      let code: string | undefined;
      try {
        parseCsv(bytes, { name: file.name });
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        code = error.code;
      }
      expect(code).toBe(e.error);
      return;
    }
    const { table, report } = parseCsv(bytes, { name: file.name });
    expect({ rows: table.rowCount, columns: table.columns.length }).toEqual({
      rows: e.rows,
      columns: e.columns,
    });
    if (e.encoding !== undefined) expect(report.encoding.used).toBe(e.encoding);
    if (e.delimiter !== undefined) expect(report.dialect.used.delimiter).toBe(e.delimiter);
    if (e.decimal !== undefined) expect(report.dialect.used.decimal).toBe(e.decimal);
    const column = (name: string) => {
      const c = report.columns.find((x) => x.name === name);
      if (c === undefined) throw new Error(`${file.name}: no column ${name}`);
      return c;
    };
    for (const [name, format] of Object.entries(e.dateFormats ?? {}))
      expect(column(name).datetimeFormat, name).toBe(format);
    for (const [name, kind] of Object.entries(e.kinds ?? {}))
      expect(column(name).kind, name).toBe(kind);
    const codes = new Set(report.warnings.map((w) => w.code));
    for (const w of e.warnings ?? []) expect(codes, w).toContain(w);
    // Text expected on screen is in a column name or a cell, unchanged.
    const cells = new Set<string>(table.columns.map((c) => c.name));
    for (const c of table.columns)
      if (c.kind === 'category') for (const v of c.values) if (v !== null) cells.add(v);
    for (const t of e.text ?? []) expect(cells, t).toContain(t);
  });
});
