/**
 * Seeded pseudo-random numbers, bit-identical in Node and every browser.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting RNG, 128-bit
 * state, passes PractRand/BigCrush) seeded through splitmix32. Integer
 * arithmetic uses only Math.imul / >>> / | , which ECMAScript defines exactly,
 * and the transcendental steps (normal, logUniform) use `portable-math`
 * instead of Math.log / Math.exp, whose last bit differs between engines.
 */
import { portableExp, portableLog } from './portable-math';

export interface Rng {
  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n); n must be a positive integer ≤ 2^53. */
  int(n: number): number;
  /** Standard normal N(0, 1) (Marsaglia polar method; caches the second draw). */
  normal(): number;
  /** Fisher–Yates shuffle of `arr` in place; returns the same array. */
  shuffle<T>(arr: T[]): T[];
  /** Uniformly chosen element; throws on an empty array. */
  pick<T>(arr: readonly T[]): T;
  /** Log-uniform in [lo, hi] (0 < lo ≤ hi < ∞): for scale-type hyper-parameters. */
  logUniform(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
}

/** splitmix32 step: spreads seed bits so that nearby seeds give unrelated streams. */
function splitmix32(state: number): [next: number, out: number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return [s, z >>> 0];
}

/**
 * Creates a generator from a numeric seed. The seed's integer part (including
 * negative values and integers up to ±2^53) selects the stream; the fractional
 * part is ignored. Same seed → same sequence, on every JS engine.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be finite, got ${seed}`);
  const whole = Math.trunc(seed);
  const lo = whole >>> 0;
  const hi = Math.floor(whole / 4294967296) >>> 0;

  let sm = lo ^ Math.imul(hi, 0x85ebca6b);
  let a: number;
  let b: number;
  let c: number;
  [sm, a] = splitmix32(sm);
  [sm, b] = splitmix32(sm ^ hi);
  [, c] = splitmix32(sm);
  let d = 1; // sfc32's counter word

  function next32(): number {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }
  // Standard sfc32 warm-up so the first outputs do not echo the seed.
  for (let i = 0; i < 15; i++) next32();

  function next(): number {
    // 27 + 26 bits → an exact multiple of 2^-53 in [0, 1).
    const x = next32() >>> 5;
    const y = next32() >>> 6;
    return (x * 67108864 + y) / 9007199254740992;
  }

  let spare: number | null = null;

  function normal(): number {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * next() - 1;
      const v = 2 * next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * portableLog(s)) / s);
        spare = v * f;
        return u * f;
      }
    }
  }

  function int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 9007199254740992) {
      throw new RangeError(`int: n must be a positive integer ≤ 2^53, got ${n}`);
    }
    // Bias from the 53-bit source is < n / 2^53: negligible for any realistic n.
    return Math.floor(next() * n);
  }

  function shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = arr[i] as T;
      arr[i] = arr[j] as T;
      arr[j] = tmp;
    }
    return arr;
  }

  function pick<T>(arr: readonly T[]): T {
    if (arr.length === 0) throw new RangeError('pick: array is empty');
    return arr[int(arr.length)] as T;
  }

  function uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * next();
  }

  function logUniform(lo: number, hi: number): number {
    if (!(lo > 0 && hi >= lo && Number.isFinite(hi))) {
      throw new RangeError(`logUniform: need 0 < lo ≤ hi < ∞, got [${lo}, ${hi}]`);
    }
    const r = lo * portableExp(next() * portableLog(hi / lo));
    // Rounding in exp can land a hair outside [lo, hi); clamp to the documented range.
    return Math.min(Math.max(r, lo), hi);
  }

  return { next, int, normal, shuffle, pick, logUniform, uniform };
}
