import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeColumn } from '../../src/data/data-table';
import type { NumberColumn } from '../../src/data/analysis/series';
import { applyOperation } from '../../src/data/analysis/cleaning';
import { diagnoseTable } from '../../src/data/analysis/diagnostics';
import { describeLag, laggedCorrelation } from '../../src/data/analysis/rain-lag';
import { joinOnTime } from '../../src/data/analysis/resample';
import {
  basinCsvFiles,
  basinTables,
  DEFAULT_OUT_DIR,
  FAULTS,
  FILES,
  formatSpanishDate,
  formatSpanishNumber,
  generateBasin,
  HEADERS,
  HOUR,
  HOURS,
  LAG_INTAKE_H,
  LAG_UPSTREAM_H,
  latin1Bytes,
  START,
} from './generate';

const basin = generateBasin();
const tables = basinTables(basin);
const joined = joinOnTime([tables.rain, tables.upstream, tables.intake], 'hour');
const col = (name: string) => {
  const c = joined.table.columns.find((x) => x.name === name);
  if (!c || c.kind !== 'number') throw new Error(name);
  return c.values;
};
const [, RAIN_A, RAIN_B] = HEADERS.rain;
const [, UPSTREAM] = HEADERS.upstream;
const [, INTAKE] = HEADERS.intake;
const hourTime = (h: number) => START + h * HOUR;

describe('synthetic basin: the analysis recovers the documented answers', () => {
  it('joins the three sources onto one hourly year', () => {
    expect(joined.table.rowCount).toBe(HOURS);
    expect(joined.coverage.map((c) => c.binsWithData)).toEqual([HOURS, HOURS - 36, HOURS]);
  });

  it('finds exactly the 6 h lag from rain (either gauge) to intake turbidity', () => {
    for (const gauge of [RAIN_A, RAIN_B]) {
      const curve = laggedCorrelation(col(gauge), col(INTAKE), 48);
      expect(curve.peakLag).toBe(LAG_INTAKE_H);
      expect(curve.peakLag).toBe(6);
      const finding = describeLag(curve, gauge, INTAKE, joined.step);
      expect(finding).toMatchObject({
        lagHours: 6,
        direction: 'rises',
        strength: 'strong',
        atEdge: false,
      });
    }
    expect(laggedCorrelation(col(RAIN_A), col(INTAKE), 48, { method: 'spearman' }).peakLag).toBe(6);
  });

  it('finds the 3 h lag to the upstream sensor, more clearly once its spike is removed', () => {
    const raw = laggedCorrelation(col(RAIN_A), col(UPSTREAM), 48);
    expect(raw.peakLag).toBe(LAG_UPSTREAM_H);
    const upstreamDiag = diagnoseTable(joined.table).columns.find((c) => c.column === UPSTREAM);
    const { table: cleaned } = applyOperation(joined.table, {
      op: 'remove',
      column: UPSTREAM,
      params: { rows: upstreamDiag?.spikes ?? [] },
    });
    const up = cleaned.columns.find((c) => c.name === UPSTREAM) as NumberColumn;
    const clean = laggedCorrelation(col(RAIN_A), up.values, 48);
    expect(clean.peakLag).toBe(3);
    expect(clean.peakR).toBeGreaterThan(raw.peakR + 0.1);
  });

  it('flags every injected fault where the README says', () => {
    const intake = diagnoseTable(tables.intake).columns.find((c) => c.column === INTAKE);
    expect(intake?.flatlines).toEqual([
      expect.objectContaining({
        startRow: FAULTS.flatline.from - 1,
        endRow: FAULTS.flatline.to,
        points: 31,
        start: Date.UTC(2025, 2, 18, 8),
        end: Date.UTC(2025, 2, 19, 14),
      }),
    ]);
    expect(intake?.impossible.rows).toEqual([0, 1, 2, 3].map((k) => FAULTS.negative.from + k));

    const upstream = diagnoseTable(tables.upstream).columns[0];
    const upTime = timeColumn(tables.upstream)!.values;
    const spikeTimes = upstream!.spikes.map((r) => upTime[r]);
    expect(spikeTimes).toContain(Date.UTC(2025, 6, 9, 3));
    expect(spikeTimes.length).toBeLessThanOrEqual(3);
    expect(upstream!.gaps).toEqual([
      {
        start: Date.UTC(2025, 9, 20, 8),
        end: Date.UTC(2025, 9, 21, 19),
        steps: 36,
        missingRows: 0,
      },
    ]);

    const rain = diagnoseTable(tables.rain).columns;
    expect(rain[0]?.gaps).toEqual([]);
    expect(rain[1]?.gaps).toEqual([
      {
        start: Date.UTC(2025, 7, 10, 0),
        end: Date.UTC(2025, 7, 16, 23),
        steps: 168,
        missingRows: 168,
      },
    ]);
    expect(hourTime(FAULTS.gaugeGap.from)).toBe(Date.UTC(2025, 7, 10));
  });

  it('doses by the documented jar-test rule', () => {
    const residuals: number[] = [];
    for (let t = 0; t < HOURS; t++) {
      const d = basin.dose[t]!;
      if (Number.isNaN(d)) continue;
      const rule =
        3 +
        7.5 * Math.log(1 + basin.trueIntakeTurbidity[t]!) +
        0.05 * basin.colour[t]! +
        6 * (basin.ph[t]! - 7);
      residuals.push(d - rule);
    }
    const n = residuals.length;
    const m = residuals.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(residuals.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    expect(n).toBeGreaterThan(3 * 365);
    expect(Math.abs(m)).toBeLessThan(0.15);
    expect(sd).toBeGreaterThan(1.1); // N(0, 1.2) plus rounding to 0.5 mg/L
    expect(sd).toBeLessThan(1.35);
    // Every shift start has a jar test.
    for (const h of [6, 14, 22]) expect(Number.isNaN(basin.dose[24 * 100 + h]!)).toBe(false);
  });
});

describe('synthetic basin: files', () => {
  const files = basinCsvFiles(basin);

  it('is deterministic', () => {
    const again = basinCsvFiles(generateBasin());
    for (const name of Object.values(FILES)) {
      expect(Buffer.from(again[name]!).equals(Buffer.from(files[name]!))).toBe(true);
    }
  });

  it('matches the committed files in public/samples/cuenca-sintetica, each under 1.5 MB', () => {
    for (const name of Object.values(FILES)) {
      const path = join(DEFAULT_OUT_DIR, name);
      expect(existsSync(path), `${path}: run npx tsx training/synthetic-basin/generate.ts`).toBe(
        true,
      );
      const onDisk = new Uint8Array(readFileSync(path));
      expect(onDisk.length).toBeLessThan(1.5 * 1024 * 1024);
      expect(Buffer.from(onDisk).equals(Buffer.from(files[name]!))).toBe(true);
    }
  });

  it('is written like Spanish Excel: ;, decimal comma, Latin-1, dd/mm/yyyy hh:mm, CRLF', () => {
    const bytes = files[FILES.intake]!;
    const text = new TextDecoder('windows-1252').decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(HEADERS.intake.join(';'));
    expect(Array.from(bytes)).toContain(0xb5); // µ as one Latin-1 byte
    expect(Array.from(bytes)).toContain(0xb0); // °
    expect(lines[1]).toMatch(/^01\/01\/2025 00:00;\d+,\d;\d+;\d,\d\d;\d+;\d+;\d+,\d;(\d+,\d)?$/);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(HOURS + 2);
    expect(
      new TextDecoder('windows-1252').decode(files[FILES.upstream]).split('\r\n'),
    ).toHaveLength(HOURS - 36 + 2);
    expect(new TextDecoder('windows-1252').decode(files[FILES.rain]).split('\r\n')[1]).toMatch(
      /^01\/01\/2025 00:00;\d+,\d;\d+,\d$/,
    );
  });

  it('formats numbers, dates and bytes the Spanish-Excel way', () => {
    expect(formatSpanishNumber(-0.04, 1)).toBe('0,0');
    expect(formatSpanishNumber(1.25, 1)).toBe('1,3');
    expect(formatSpanishNumber(NaN, 1)).toBe('');
    expect(formatSpanishDate(Date.UTC(2025, 8, 2, 7, 5))).toBe('02/09/2025 07:05');
    expect(Array.from(latin1Bytes('pH ñ'))).toEqual([0x70, 0x48, 0x20, 0xf1]);
    expect(() => latin1Bytes('€')).toThrow(RangeError);
    expect(() => latin1Bytes('\u0085')).toThrow(RangeError);
  });
});
