import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assembleTable, type CleanRow } from './training-table';

const FC = { seed: 8675309, numRuns: 150 };

const row = (group: string, time: number, target: number, raw: number | null): CleanRow => ({
  group,
  time,
  target,
  settled: target / 10,
  inputs: { time, plant: group, raw_turbidity: raw, dose: target },
});

describe('assembleTable', () => {
  // Given out of time order, two groups interleaved.
  const rows: CleanRow[] = [
    row('b', 30, 7, 70),
    row('a', 10, 1, 100),
    row('a', 40, 4, null),
    row('b', 20, 6, 60),
    row('a', 25, 2, 200),
  ];
  const table = assembleTable(rows, ['raw_turbidity', 'dose']);

  it('sorts every column by time', () => {
    expect([...table.time]).toEqual([10, 20, 25, 30, 40]);
    expect(table.group).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect([...table.target]).toEqual([1, 6, 2, 7, 4]);
    expect([...table.settled]).toEqual([0.1, 0.6, 0.2, 0.7, 0.4]);
    expect(table.records.map((r) => r.time)).toEqual([10, 20, 25, 30, 40]);
  });

  it("carries prev_<id> from the same group's previous row only, null for a group's first row", () => {
    expect(table.records.map((r) => r.prev_raw_turbidity)).toEqual([null, null, 100, 60, 200]);
    expect(table.records.map((r) => r.prev_dose)).toEqual([null, null, 1, 6, 2]);
    // Only the listed ids are carried.
    expect(table.records[2]).not.toHaveProperty('prev_time');
  });

  it('carries a missing previous value as null', () => {
    const t = assembleTable([row('a', 1, 1, null), row('a', 2, 2, 5)], ['raw_turbidity']);
    expect(t.records[1]?.prev_raw_turbidity).toBeNull();
  });

  it("sets previousTarget to the group's previous target, NaN for each group's first row", () => {
    const prev = [...table.previousTarget];
    expect(prev[0]).toBeNaN();
    expect(prev[1]).toBeNaN();
    expect(prev.slice(2)).toEqual([1, 6, 2]);
  });

  it('keeps the inputs and does not mutate the given rows', () => {
    expect(table.records[0]).toMatchObject({ plant: 'a', raw_turbidity: 100, dose: 1 });
    expect(rows[0]?.inputs).not.toHaveProperty('prev_dose');
    expect(rows[0]?.time).toBe(30);
  });

  it('links every row to the latest earlier row of its group (property)', () => {
    const arb = fc.array(
      fc.record({
        group: fc.constantFrom('a', 'b', 'c'),
        time: fc.integer({ min: 0, max: 1000 }),
        target: fc.double({ min: 0, max: 100, noNaN: true }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const t = assembleTable(
          specs.map((s) => row(s.group, s.time, s.target, s.target)),
          ['dose'],
        );
        for (let i = 1; i < t.time.length; i++) {
          expect(t.time[i - 1]).toBeLessThanOrEqual(t.time[i] as number);
        }
        const last = new Map<string, number>();
        t.group.forEach((g, i) => {
          const j = last.get(g);
          if (j === undefined) {
            expect(t.previousTarget[i]).toBeNaN();
            expect(t.records[i]?.prev_dose).toBeNull();
          } else {
            expect(t.previousTarget[i]).toBe(t.target[j]);
            expect(t.records[i]?.prev_dose).toBe(t.target[j]);
          }
          last.set(g, i);
        });
      }),
      FC,
    );
  });
});
