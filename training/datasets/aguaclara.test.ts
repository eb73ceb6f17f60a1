import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanAguaClara, MIN_ROWS_PER_PLANT, parseAguaClaraCsv } from './aguaclara';

const HEADER =
  'pid,date_submitted,plant_name,code,flow_rate,coagulant,raw_turb,settled_turb,filtered_turb,cl_dose';

const pad = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD HH:mm:ss' for wall-clock ms. */
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2015, 0, 1, 8, 0, 0);

interface Line {
  pid: number;
  time: number | string;
  name: string;
  code: string;
  flow: string | number;
  dose: string | number;
  raw: string | number;
  settled?: string | number;
}
const csvLine = (l: Line) =>
  [
    l.pid,
    typeof l.time === 'number' ? stamp(l.time) : l.time,
    l.name,
    l.code,
    l.flow,
    l.dose,
    l.raw,
    l.settled ?? 1,
    0.3,
    1,
  ].join(',');

/** Plant 'aaa' (flow in L/s, around 21): 85 clean daily reports at 08:00, all readings distinct. */
const BASE_ROWS = 85;
const base: Line[] = Array.from({ length: BASE_ROWS }, (_, i) => ({
  pid: 1000 + i,
  time: T0 + i * DAY,
  name: 'Alfa',
  code: 'aaa',
  flow: 20 + (i % 3),
  dose: 10 + (i % 5),
  raw: 5 + i,
}));
const row10 = base[10] as Line;
const at = (day: number, hour: number) => T0 + day * DAY + (hour - 8) * HOUR;

// Each special row sits at 20:00 on its own day, so it never collides with a base row.
const special = {
  duplicate: { ...row10, pid: 2001, time: (row10.time as number) + HOUR },
  repeatedLater: { ...row10, pid: 2002, time: (row10.time as number) + 3 * DAY + 12 * HOUR },
  sameReadingsOtherPlant: { ...row10, pid: 2003, name: 'Beta', code: 'bbb' },
  zeroDoseWithFlow: {
    pid: 2004,
    time: at(20, 20),
    name: 'Alfa',
    code: 'aaa',
    flow: 21,
    dose: 0,
    raw: 7,
  },
  missingDose: {
    pid: 2005,
    time: at(21, 20),
    name: 'Alfa',
    code: 'aaa',
    flow: 21,
    dose: '',
    raw: 7,
  },
  missingRaw: {
    pid: 2006,
    time: at(22, 20),
    name: 'Alfa',
    code: 'aaa',
    flow: 21,
    dose: 12,
    raw: '',
  },
  negativeSettled: {
    pid: 2007,
    time: at(23, 20),
    name: 'Alfa',
    code: 'aaa',
    flow: 21,
    dose: 12,
    raw: 8,
    settled: -0.5,
  },
  flowInLitresPerMinute: {
    pid: 2008,
    time: at(24, 20),
    name: 'Alfa',
    code: 'aaa',
    flow: 21 * 60,
    dose: 13,
    raw: 9,
  },
  // 777 L/s is 37× the plant median, and no unit factor (60, 15.85, 3.785, 10, 100) explains it.
  nonsenseFlow: {
    pid: 2009,
    time: at(25, 20),
    name: 'Alfa',
    code: 'aaa',
    flow: 777,
    dose: 13,
    raw: 9,
  },
  testPlantByCode: {
    pid: 2010,
    time: at(26, 20),
    name: 'National Mall(test)',
    code: 'p3',
    flow: 5,
    dose: 5,
    raw: 5,
  },
  testPlantByName: {
    pid: 2011,
    time: at(27, 20),
    name: 'national mall',
    code: 'nm',
    flow: 5,
    dose: 5,
    raw: 5,
  },
  badDate: {
    pid: 2012,
    time: '2015-02-31 08:00:00',
    name: 'Alfa',
    code: 'aaa',
    flow: 21,
    dose: 12,
    raw: 7,
  },
} satisfies Record<string, Line>;

/** Plant 'bbb': fewer than MIN_ROWS_PER_PLANT reports (9 here plus sameReadingsOtherPlant). */
const small: Line[] = Array.from({ length: 9 }, (_, i) => ({
  pid: 3000 + i,
  time: T0 + i * DAY + 2 * HOUR,
  name: 'Beta',
  code: 'bbb',
  flow: 50,
  dose: 20,
  raw: 30 + i,
}));

const lines = [...base, ...Object.values(special), ...small];
const CSV = [HEADER, ...lines.map(csvLine)].join('\n') + '\n';

describe('cleanAguaClara on a hand-made CSV that triggers every rule', () => {
  const reports = parseAguaClaraCsv(CSV);
  const data = cleanAguaClara(reports);
  const step = (rule: string) => data.cleaning.find((s) => s.rule === rule);
  const rowAt = (time: number) => data.table.time.indexOf(time);

  it('parses every line', () => {
    expect(reports).toHaveLength(lines.length);
    expect(data.rowsRead).toBe(lines.length);
    expect(reports[0]).toMatchObject({
      pid: '1000',
      code: 'aaa',
      flow: 20,
      coagulant: 10,
      rawTurb: 5,
    });
    expect(reports.find((r) => r.pid === '2005')?.coagulant).toBeNaN();
  });

  it('reports each cleaning rule with its count, in order', () => {
    expect(data.cleaning.map((s) => [s.rule, s.removed])).toEqual([
      ['unparseable-date', 1],
      ['test-plant', 2],
      ['duplicate-submission', 1],
      ['negative-value', 1],
      ['flow-unit-corrected', 0],
      ['flow-implausible', 0],
      ['missing-dose', 1],
      ['zero-dose-while-running', 1],
      ['missing-raw-turbidity', 1],
      ['plant-too-few-rows', 10],
    ]);
    expect(step('flow-unit-corrected')?.detail).toMatch(/^1 flow values/);
    expect(step('flow-implausible')?.detail).toMatch(/^1 flow values/);
    expect(step('plant-too-few-rows')?.detail).toContain('bbb');
  });

  it('keeps the clean rows plus the repaired ones, sorted by time', () => {
    // 85 base + repeated-later + negative-settled + L/min flow + nonsense flow.
    expect(data.table.target).toHaveLength(BASE_ROWS + 4);
    expect(data.plants).toEqual(['aaa']);
    expect(data.plantNames).toEqual({ aaa: 'Alfa' });
    expect(new Set(data.table.group)).toEqual(new Set(['aaa']));
    for (let i = 1; i < data.table.time.length; i++) {
      expect(data.table.time[i - 1]).toBeLessThan(data.table.time[i] as number);
    }
  });

  it('removes a duplicate within 2 h but keeps identical readings 3 days later', () => {
    expect(rowAt(special.duplicate.time)).toBe(-1);
    expect(rowAt(row10.time as number)).toBeGreaterThanOrEqual(0);
    const later = rowAt(special.repeatedLater.time);
    expect(later).toBeGreaterThanOrEqual(0);
    expect(data.table.records[later]).toMatchObject({ raw_turbidity: 15, dose: 10 });
  });

  it('drops the rows each rule names', () => {
    for (const l of [
      special.zeroDoseWithFlow,
      special.missingDose,
      special.missingRaw,
      special.testPlantByCode,
      special.testPlantByName,
    ]) {
      expect(rowAt(l.time), `pid ${l.pid}`).toBe(-1);
    }
    expect(data.table.target.every((v) => v > 0)).toBe(true);
  });

  it('blanks a negative turbidity but keeps the report', () => {
    const i = rowAt(special.negativeSettled.time);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(data.table.settled[i]).toBeNaN();
    expect(data.table.records[i]).toMatchObject({ raw_turbidity: 8, dose: 12 });
  });

  it('rescales a flow given in L/min and blanks a flow no unit explains', () => {
    expect(data.table.records[rowAt(special.flowInLitresPerMinute.time)]?.flow).toBeCloseTo(21, 12);
    expect(data.table.records[rowAt(special.nonsenseFlow.time)]?.flow).toBeNull();
    // Ordinary flows are left alone.
    expect(data.table.records[rowAt(base[1]?.time as number)]?.flow).toBe(21);
  });

  it('links each report to the previous one of its plant', () => {
    const first = data.table.records[0];
    expect(first).toMatchObject({ time: T0, plant: 'aaa', prev_time: null, prev_dose: null });
    expect(data.table.previousTarget[0]).toBeNaN();
    expect(data.table.records[1]).toMatchObject({
      prev_time: T0,
      prev_raw_turbidity: 5,
      prev_dose: 10,
    });
    expect(data.table.previousTarget[1]).toBe(10);
  });
});

describe('cleanAguaClara on the real POST export', () => {
  const path = join(
    import.meta.dirname,
    '..',
    '..',
    'data',
    'aguaclara_honduras_post',
    'post_plant_reports.csv',
  );
  const data = cleanAguaClara(parseAguaClaraCsv(readFileSync(path, 'utf8')));
  const { table } = data;

  it('reads all 8374 reports', () => {
    expect(data.rowsRead).toBe(8374);
    expect(table.target.length).toBeGreaterThan(0);
  });

  it('leaves no negative turbidity', () => {
    for (let i = 0; i < table.settled.length; i++) {
      const raw = table.records[i]?.raw_turbidity;
      expect(typeof raw === 'number' && raw >= 0, `row ${i} raw ${String(raw)}`).toBe(true);
      expect(table.settled[i] as number).not.toBeLessThan(0);
    }
  });

  it('keeps only plants with at least MIN_ROWS_PER_PLANT rows, without the test plant', () => {
    const counts = new Map<string, number>();
    for (const g of table.group) counts.set(g, (counts.get(g) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(data.plants);
    for (const [plant, n] of counts) expect(n, plant).toBeGreaterThanOrEqual(MIN_ROWS_PER_PLANT);
    expect(data.plants).not.toContain('p3');
  });

  it('keeps only positive doses', () => {
    expect(table.target.every((v) => v > 0)).toBe(true);
  });

  it('is sorted by time', () => {
    for (let i = 1; i < table.time.length; i++) {
      expect(table.time[i - 1] as number).toBeLessThanOrEqual(table.time[i] as number);
    }
  });
});
