import { describe, expect, it } from 'vitest';
import { Prng, deriveSeed } from './prng';

describe('Prng', () => {
  it('repeats its stream for a seed and differs across seeds', () => {
    const a = new Prng(123);
    const b = new Prng(123);
    const c = new Prng(124);
    const sa = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('nextFloat is in [0, 1) and nextInt in [0, n) and roughly uniform', () => {
    const p = new Prng(7);
    const counts = new Array<number>(6).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 60000; i++) {
      const f = p.nextFloat();
      if (!(f >= 0 && f < 1)) outOfRange++;
      counts[p.nextInt(6)]!++;
    }
    expect(outOfRange).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    expect(() => p.nextInt(0)).toThrow(RangeError);
  });

  it('sample draws distinct values; sampleSorted draws an ascending subset', () => {
    const p = new Prng(9);
    const s = p.sample(100, 30);
    expect(new Set(s).size).toBe(30);
    for (const v of s) expect(v >= 0 && v < 100).toBe(true);
    const out = new Int32Array(40);
    expect(p.sampleSorted(100, 40, out)).toBe(40);
    for (let i = 1; i < 40; i++) expect(out[i]! > out[i - 1]!).toBe(true);
    expect(p.sample(5, 10).length).toBe(5);
  });

  it('deriveSeed spreads streams', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, t) => deriveSeed(42, t)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(1, 0)).not.toBe(deriveSeed(2, 0));
  });
});
