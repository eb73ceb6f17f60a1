import { describe, expect, it } from 'vitest';
import { memoryLogRepository } from './log-db';
import {
  applyEdit,
  createEntry,
  filterEntries,
  inputIdsInLog,
  latestEntry,
  normaliseEntry,
  operatorLogCsv,
  plantsInLog,
  recentInputs,
  sortNewestFirst,
  LOG_CSV_COLUMNS,
  type NewLogEntry,
  type OperatorLogEntry,
} from './log-entry';

const H = 3_600_000;
const T0 = Date.UTC(2015, 5, 10, 8, 0);

function draft(over: Partial<NewLogEntry> = {}): NewLogEntry {
  return {
    packId: 'aguaclara-honduras',
    reportTime: T0,
    plant: 'aga',
    inputs: { plant: 'aga', time: T0, raw_turbidity: 12.5, flow: null },
    prediction: {
      dose: 6.25,
      lo: 3.1,
      hi: 11.2,
      settled: 1.4,
      disagreement: 0.3,
      jarTestRequired: false,
      warnings: [],
    },
    appliedDose: 6.5,
    jarTestDose: null,
    settledObserved: null,
    note: '',
    ...over,
  };
}

let seq = 0;
const entry = (over: Partial<NewLogEntry> = {}, recordedAt = T0): OperatorLogEntry =>
  createEntry(draft(over), `e${++seq}`, recordedAt);

describe('createEntry / normaliseEntry', () => {
  it('creates an entry with id and timestamps', () => {
    const e = createEntry(draft(), 'abc', 1000);
    expect(e).toMatchObject({ id: 'abc', recordedAt: 1000, updatedAt: 1000, appliedDose: 6.5 });
  });

  it('round-trips a valid entry unchanged', () => {
    const e = entry();
    expect(normaliseEntry(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  it('accepts an entry recorded without a prediction', () => {
    expect(entry({ prediction: null }).prediction).toBeNull();
  });

  it('rejects negative, non-finite or missing applied doses', () => {
    expect(() => createEntry(draft({ appliedDose: -1 }), 'x', 0)).toThrow(RangeError);
    expect(() => createEntry(draft({ appliedDose: Number.NaN }), 'x', 0)).toThrow(RangeError);
    expect(normaliseEntry({ ...entry(), appliedDose: undefined })).toBeNull();
  });

  it('rejects garbage from storage instead of passing it to the UI', () => {
    for (const bad of [null, 42, 'x', [], {}, { ...entry(), id: '' }, { ...entry(), inputs: [] }])
      expect(normaliseEntry(bad)).toBeNull();
    expect(normaliseEntry({ ...entry(), inputs: { a: { nested: 1 } } })).toBeNull();
    expect(normaliseEntry({ ...entry(), prediction: { dose: 'x' } })).toBeNull();
    expect(normaliseEntry({ ...entry(), jarTestDose: -2 })).toBeNull();
  });

  it('truncates an over-long note', () => {
    expect(entry({ note: 'x'.repeat(5000) }).note).toHaveLength(2000);
  });
});

describe('applyEdit', () => {
  it('fills in the settled turbidity observed later and stamps the edit', () => {
    const e = entry();
    const edited = applyEdit(e, { settledObserved: 0.9, note: 'ok' }, T0 + H);
    expect(edited).toMatchObject({ settledObserved: 0.9, note: 'ok', updatedAt: T0 + H });
    expect(edited.recordedAt).toBe(e.recordedAt);
    expect(e.settledObserved).toBeNull(); // the original is not mutated
  });

  it('clears an optional value with null and refuses an invalid one', () => {
    const e = entry({ jarTestDose: 7 });
    expect(applyEdit(e, { jarTestDose: null }, 1).jarTestDose).toBeNull();
    expect(() => applyEdit(e, { appliedDose: -3 }, 1)).toThrow(RangeError);
  });
});

describe('queries', () => {
  const a1 = entry({ plant: 'aga', reportTime: T0 }, 1);
  const a2 = entry({ plant: 'aga', reportTime: T0 + 2 * H }, 2);
  const b1 = entry({ plant: 'ala', reportTime: T0 + H }, 3);
  const a3 = entry({ plant: 'aga', reportTime: T0 + 30 * H }, 4);
  const all = [a1, a2, b1, a3];

  it('sorts newest report first', () => {
    expect(sortNewestFirst(all).map((e) => e.id)).toEqual([a3.id, a2.id, b1.id, a1.id]);
  });

  it('filters by date range (from inclusive, to exclusive) and plant', () => {
    expect(filterEntries(all, {}).length).toBe(4);
    expect(filterEntries(all, { plant: 'aga' }).map((e) => e.id)).toEqual([a3.id, a2.id, a1.id]);
    expect(filterEntries(all, { from: T0 + H }).map((e) => e.id)).toEqual([a3.id, a2.id, b1.id]);
    expect(filterEntries(all, { toExclusive: T0 + 2 * H }).map((e) => e.id)).toEqual([
      b1.id,
      a1.id,
    ]);
    expect(
      filterEntries(all, { from: T0, toExclusive: T0 + 24 * H, plant: 'aga' }).map((e) => e.id),
    ).toEqual([a2.id, a1.id]);
  });

  it('ignores NaN bounds (an empty date field)', () => {
    expect(filterEntries(all, { from: Number.NaN, toExclusive: Number.NaN }).length).toBe(4);
  });

  it('lists the plants in the log', () => {
    expect(plantsInLog([...all, entry({ plant: null })])).toEqual(['aga', 'ala']);
  });

  it('finds the latest report of a plant, optionally before a time', () => {
    expect(latestEntry(all, 'aga')?.id).toBe(a3.id);
    expect(latestEntry(all, 'aga', T0 + 30 * H)?.id).toBe(a2.id);
    expect(latestEntry(all, 'ala')?.id).toBe(b1.id);
    expect(latestEntry(all, null)?.id).toBe(a3.id);
    expect(latestEntry(all, 'moro')).toBeUndefined();
  });

  it('gives the recent inputs of a plant oldest first, for the sensor checks', () => {
    const recent = recentInputs(all, 'aga', T0 + 30 * H, 5);
    expect(recent).toEqual([a1.inputs, a2.inputs]);
    expect(recentInputs(all, 'aga', T0 + 31 * H, 2)).toEqual([a2.inputs, a3.inputs]);
    expect(recentInputs(all, 'aga', T0, 5)).toEqual([]);
    expect(recentInputs(all, 'aga', T0 + 31 * H, 0)).toEqual([]);
  });

  it('lists the input ids used', () => {
    expect(inputIdsInLog(all)).toEqual(['plant', 'time', 'raw_turbidity', 'flow']);
  });
});

describe('operatorLogCsv', () => {
  const headers = Object.fromEntries(LOG_CSV_COLUMNS.map((c) => [c, c])) as Record<
    (typeof LOG_CSV_COLUMNS)[number],
    string
  >;
  const options = {
    headers,
    inputs: [
      { id: 'raw_turbidity', header: 'Turbiedad (NTU)' },
      { id: 'time', header: 'Hora', datetime: true },
    ],
    yes: 'sí',
    no: 'no',
    localWallClock: (ms: number) => ms,
  };

  it('writes one row per entry with inputs, prediction and what was applied', () => {
    const e = entry({ note: 'sin novedad', jarTestDose: 7 });
    const lines = operatorLogCsv([e], options).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'reportTime,plant,Turbiedad (NTU),Hora,packId,recommendedDose,intervalLo,intervalHi,settledForecast,jarTestRequired,warnings,appliedDose,jarTestDose,settledObserved,note,recordedAt',
    );
    expect(lines[1]).toBe(
      '2015-06-10 08:00,aga,12.5,2015-06-10 08:00,aguaclara-honduras,6.25,3.1,11.2,1.4,no,,6.5,7,,sin novedad,2015-06-10 08:00',
    );
  });

  it('neutralises a note that would run as a formula and quotes delimiters', () => {
    const e = entry({ note: '=HYPERLINK("http://x";"clic")' });
    const csv = operatorLogCsv([e], { ...options, delimiter: ';', decimalSeparator: ',' });
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain('"\'=HYPERLINK(""http://x"";""clic"")"');
    expect(row).toContain(';12,5;');
    expect(row).toContain(';6,5;');
  });

  it('leaves prediction cells empty when there was none', () => {
    const e = entry({ prediction: null });
    const row = operatorLogCsv([e], options).split('\r\n')[1] ?? '';
    expect(row).toContain('aguaclara-honduras,,,,,,,6.5');
  });
});

describe('memoryLogRepository', () => {
  it('stores copies, updates by id and deletes', async () => {
    const repo = memoryLogRepository();
    const e = entry();
    await repo.put(e);
    e.note = 'mutated after put';
    expect((await repo.list())[0]?.note).toBe('');
    await repo.put({ ...e, note: 'edited' });
    expect((await repo.list()).map((x) => x.note)).toEqual(['edited']);
    await repo.delete(e.id);
    expect(await repo.list()).toEqual([]);
  });
});
