import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../domain/input-record';
import { checkManifest, type PackManifest } from '../../domain/pack-manifest';
import {
  evenlySpaced,
  explanationPlayers,
  shapley,
  whatIf,
  whatIfGrid,
  type Player,
} from './explain';

const players: Player[] = [
  { id: 'a', inputs: ['a'] },
  { id: 'b', inputs: ['b', 'prev_b'] },
  { id: 'c', inputs: ['c'] },
];
const num = (r: InputRecord, k: string) => r[k] as number;
/** Interactions, a linked pair and a non-linearity: nothing additive to hide behind. */
const f = async (rows: readonly InputRecord[]) =>
  Float64Array.from(rows, (r) => {
    const a = num(r, 'a');
    const b = num(r, 'b');
    return 2 * a + a * b + Math.exp(0.1 * (b - num(r, 'prev_b'))) + 0.5 * num(r, 'c') ** 2;
  });

describe('shapley', () => {
  it('contributions sum exactly to dose − reference (any record, any background)', async () => {
    const row = fc.record({
      a: fc.double({ min: -5, max: 5, noNaN: true }),
      b: fc.double({ min: -5, max: 5, noNaN: true }),
      prev_b: fc.double({ min: -5, max: 5, noNaN: true }),
      c: fc.double({ min: -5, max: 5, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(row, fc.array(row, { minLength: 1, maxLength: 5 }), async (rec, bg) => {
        const ex = await shapley(rec, players, bg, f);
        const sum = ex.contributions.reduce((s, c) => s + c.value, 0);
        const fx = (await f([rec]))[0] as number;
        const fb = (await f(bg)).reduce((s, v) => s + v, 0) / bg.length;
        expect(ex.dose).toBeCloseTo(fx, 9);
        expect(ex.reference).toBeCloseTo(fb, 9);
        expect(Math.abs(sum - (ex.dose - ex.reference))).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(ex.dose)),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('gives an additive model its own terms, and an input with no effect nothing', async () => {
    const additive = async (rows: readonly InputRecord[]) =>
      Float64Array.from(rows, (r) => 3 * num(r, 'a') - num(r, 'b'));
    const ex = await shapley(
      { a: 2, b: 5, prev_b: 0, c: 9 },
      players,
      [{ a: 0, b: 1, prev_b: 0, c: 0 }],
      additive,
    );
    expect(ex.contributions.map((c) => c.input)).toEqual(['a', 'b', 'c']);
    expect(ex.contributions[0]?.value).toBeCloseTo(6, 12);
    expect(ex.contributions[1]?.value).toBeCloseTo(-4, 12);
    expect(ex.contributions[2]?.value).toBe(0);
  });

  it('moves linked inputs together (the player, not the half)', async () => {
    const change = async (rows: readonly InputRecord[]) =>
      Float64Array.from(rows, (r) => num(r, 'b') - num(r, 'prev_b'));
    // Same change (0) in record and background: the linked player contributes nothing.
    const ex = await shapley(
      { a: 0, b: 50, prev_b: 50, c: 0 },
      players,
      [{ a: 0, b: 5, prev_b: 5, c: 0 }],
      change,
    );
    expect(ex.contributions[1]?.value).toBe(0);
  });
});

describe('explanationPlayers on the shipped pack', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'public', 'models', 'aguaclara-honduras');
  const check = checkManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  if (!check.ok) throw new Error(check.detail);
  const manifest: PackManifest = check.manifest;

  it('groups each previous reading with its current counterpart', () => {
    const ps = explanationPlayers(manifest, manifest.heads.dose);
    expect(ps).toEqual([
      { id: 'plant', inputs: ['plant'] },
      { id: 'time', inputs: ['time', 'prev_time'] },
      { id: 'raw_turbidity', inputs: ['raw_turbidity', 'prev_raw_turbidity'] },
      { id: 'flow', inputs: ['flow'] },
    ]);
  });

  it('sweeps turbidity log-spaced from its training p1 to p99', () => {
    const spec = manifest.inputs.find((i) => i.id === 'raw_turbidity');
    const x = whatIfGrid(manifest, 'raw_turbidity', 5);
    expect(x[0]).toBeCloseTo(spec?.quantiles?.[0] as number, 9);
    expect(x[4]).toBeCloseTo(spec?.quantiles?.[4] as number, 9);
    // Equal steps in log1p.
    const steps = x.slice(1).map((v, i) => Math.log1p(v) - Math.log1p(x[i] as number));
    for (const s of steps) expect(s).toBeCloseTo(steps[0] as number, 9);
    expect(() => whatIfGrid(manifest, 'plant', 5)).toThrow(/not a number input/);
  });
});

describe('whatIf', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'public', 'models', 'aguaclara-honduras');
  const check = checkManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  if (!check.ok) throw new Error(check.detail);
  const manifest: PackManifest = check.manifest;

  it('moves the previous reading with the swept one, keeping the change since the last report', async () => {
    const record: InputRecord = { raw_turbidity: 20, prev_raw_turbidity: 10, plant: 'ala' };
    const seen: InputRecord[] = [];
    const curve = await whatIf(manifest, record, 'raw_turbidity', 5, async (rows) => {
      seen.push(...rows);
      return new Float64Array(rows.length);
    });
    expect(curve.x).toHaveLength(5);
    const change = Math.log1p(20) - Math.log1p(10);
    for (const row of seen) {
      const d = Math.log1p(num(row, 'raw_turbidity')) - Math.log1p(num(row, 'prev_raw_turbidity'));
      expect(d).toBeCloseTo(change, 9);
      expect(row.plant).toBe('ala');
    }
  });
});

describe('evenlySpaced', () => {
  it('keeps the ends and spreads the rest', () => {
    expect(evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(evenlySpaced([1, 2], 5)).toEqual([1, 2]);
  });
});
