import { describe, expect, it, vi } from 'vitest';
import type { CleaningEntry } from '../analysis/cleaning';
import type { DataTable } from '../data-table';
import { memoryDatasetRepository, runTransaction, settleAll } from './dataset-db';
import {
  createDatasetRecord,
  normaliseData,
  normaliseLog,
  normaliseMeta,
  normaliseTable,
  sortMetas,
  tableBytes,
} from './dataset-record';

function table(): DataTable {
  return {
    name: 'bocatoma.csv',
    rowCount: 3,
    columns: [
      { name: 'Fecha', kind: 'datetime', values: new Float64Array([0, 3.6e6, 7.2e6]) },
      {
        name: 'Turbiedad (NTU)',
        kind: 'number',
        values: new Float64Array([1, NaN, 3]),
        unit: 'NTU',
      },
      { name: 'Planta', kind: 'category', values: ['a', null, 'b'] },
    ],
  };
}

const entry: CleaningEntry = {
  op: 'remove',
  column: 'Turbiedad (NTU)',
  params: { rows: [2] },
  changedRows: [2],
  at: 1000,
};

describe('dataset records', () => {
  it('builds the meta from the table', () => {
    const r = createDatasetRecord(
      { name: 'bocatoma.csv', kind: 'file', origin: 'upload', synthetic: false, table: table() },
      'id-1',
      42,
    );
    expect(r.meta).toMatchObject({
      id: 'id-1',
      rowCount: 3,
      createdAt: 42,
      updatedAt: 42,
      columns: [
        { name: 'Fecha', kind: 'datetime' },
        { name: 'Turbiedad (NTU)', kind: 'number', unit: 'NTU' },
        { name: 'Planta', kind: 'category' },
      ],
    });
    expect(r.meta.bytes).toBe(tableBytes(table()));
    expect(r.data.table.rowCount).toBe(3);
    expect(r.cleaningLog).toEqual([]);
  });

  it('counts 8 bytes per numeric cell', () => {
    expect(tableBytes({ name: 't', rowCount: 2, columns: [table().columns[0]!] })).toBe(24);
  });

  it('accepts a stored meta and rejects a malformed one', () => {
    const { meta } = createDatasetRecord(
      { name: 'x', kind: 'joined', origin: 'derived', synthetic: true, table: table() },
      'j',
      1,
    );
    expect(normaliseMeta(structuredClone(meta))).toEqual(meta);
    expect(normaliseMeta(null)).toBeNull();
    expect(normaliseMeta({ ...meta, kind: 'spreadsheet' })).toBeNull();
    expect(normaliseMeta({ ...meta, origin: 'internet' })).toBeNull();
    expect(normaliseMeta({ ...meta, columns: [{ name: 'a', kind: 'text' }] })).toBeNull();
    expect(normaliseMeta({ ...meta, synthetic: 'yes' })?.synthetic).toBe(false);
  });

  it('rejects a stored table whose columns do not match its row count', () => {
    expect(normaliseTable(table())).toEqual(table());
    const bad = table();
    bad.rowCount = 4;
    expect(normaliseTable(bad)).toBeNull();
    expect(
      normaliseTable({ ...table(), columns: [{ name: 'a', kind: 'number', values: [1, 2, 3] }] }),
    ).toBeNull();
    expect(
      normaliseTable({ ...table(), columns: [{ name: 'a', kind: 'category', values: [1, 2, 3] }] }),
    ).toBeNull();
    expect(normaliseData({ id: 'x', table: bad })).toBeNull();
  });

  it('keeps a cleaning log up to its first bad entry', () => {
    const bad = { ...entry, op: 'explode' };
    expect(normaliseLog({ id: 'x', entries: [entry, bad, entry] })).toEqual([entry]);
    expect(normaliseLog([entry, { ...entry, changedRows: [-1] }])).toEqual([entry]);
    expect(
      normaliseLog([{ ...entry, op: 'cap', params: { mode: 'iqr', k: 1.5 } }, entry]),
    ).toHaveLength(2);
    expect(
      normaliseLog([
        { ...entry, op: 'cap', params: { mode: 'bounds', lower: 0, upper: Infinity } },
        { ...entry, op: 'interpolate', params: { maxGap: 3 } },
      ]),
    ).toHaveLength(2);
    expect(normaliseLog('nonsense')).toEqual([]);
  });

  it('sorts newest first', () => {
    const base = createDatasetRecord(
      { name: 'b', kind: 'file', origin: 'upload', synthetic: false, table: table() },
      'b',
      1,
    ).meta;
    const sorted = sortMetas([base, { ...base, id: 'a', createdAt: 5 }]);
    expect(sorted.map((m) => m.id)).toEqual(['a', 'b']);
  });
});

describe('memory dataset repository', () => {
  it('stores, lists, logs and deletes', async () => {
    const repo = memoryDatasetRepository();
    const rec = createDatasetRecord(
      { name: 'a.csv', kind: 'file', origin: 'upload', synthetic: false, table: table() },
      'a',
      1,
    );
    await repo.put(rec);
    await repo.put(
      createDatasetRecord(
        { name: 'b.csv', kind: 'file', origin: 'upload', synthetic: false, table: table() },
        'b',
        2,
      ),
    );
    expect((await repo.listMeta()).map((m) => m.id)).toEqual(['b', 'a']);
    const data = await repo.getData('a');
    expect(data?.table.columns[1]?.kind).toBe('number');
    // Stored values are copies: changing the original does not change what is stored.
    (rec.data.table.columns[1]!.values as Float64Array)[0] = 99;
    const again = await repo.getData('a');
    expect((again?.table.columns[1]!.values as Float64Array)[0]).toBe(1);

    await repo.putLog('a', [entry]);
    expect(await repo.getLog('a')).toEqual([entry]);
    await repo.delete('a');
    expect(await repo.getData('a')).toBeUndefined();
    expect(await repo.getLog('a')).toEqual([]);
    await repo.clear();
    expect(await repo.listMeta()).toEqual([]);
  });
});

describe('settleAll', () => {
  it('throws the first error and leaves none of the others unhandled', async () => {
    // An aborted transaction rejects every request and `done`: all must be handled.
    const first = new Error('request');
    const requests = [Promise.resolve(1), Promise.reject(first), Promise.reject(new Error('done'))];
    await expect(settleAll(requests)).rejects.toBe(first);
    await expect(settleAll([Promise.resolve(1), Promise.resolve(2)])).resolves.toBeUndefined();
  });
});

describe('runTransaction', () => {
  it('handles every promise of an aborted transaction and throws the first error', async () => {
    const aborted = new Error('AbortError');
    const tx = { done: Promise.reject(aborted), abort: vi.fn() };
    const late = new Error('request');
    await expect(
      runTransaction(tx, [() => Promise.resolve(), () => Promise.reject(late)]),
    ).rejects.toBe(aborted);
    expect(tx.abort).not.toHaveBeenCalled();
  });

  it('aborts when a request throws at once, leaving the made ones handled', async () => {
    const tx = { done: Promise.reject(new Error('AbortError')), abort: vi.fn() };
    const refused = new Error('too large');
    await expect(
      runTransaction(tx, [
        () => Promise.reject(new Error('aborted')),
        () => {
          throw refused;
        },
      ]),
    ).rejects.toBe(refused);
    expect(tx.abort).toHaveBeenCalledOnce();
  });
});
