/**
 * Seeded pseudo-random numbers for the tree learners.
 *
 * Why our own: training must be bit-reproducible from a seed in both Node and the browser,
 * and Math.random cannot be seeded. mulberry32 is tiny, fast (32-bit integer ops only) and
 * statistically good enough for bagging and feature sampling.
 */
export class Prng {
  private state: number;

  /** The seed is reduced to an unsigned 32-bit integer. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Uniform integer in [0, n), n in [1, 2^32]. Rejection sampling removes the modulo bias,
   * which matters for bootstrap draws over large row counts.
   */
  nextInt(n: number): number {
    if (!(n >= 1 && n <= 4294967296) || !Number.isInteger(n)) {
      throw new RangeError(`nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const r = this.nextUint32();
      if (r < limit) return r % n;
    }
  }

  /**
   * Partial Fisher-Yates: moves a uniform random k-subset of `pool` into pool[0..k) (in random
   * order) and returns k. `pool` may hold any permutation; it is shuffled in place, which lets
   * callers reuse one scratch array across many draws without resetting it.
   */
  shufflePrefix(pool: Int32Array, k: number): number {
    const n = pool.length;
    const m = Math.min(Math.max(k, 0), n);
    for (let i = 0; i < m; i++) {
      const j = i + this.nextInt(n - i);
      const tmp = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = tmp;
    }
    return m;
  }

  /**
   * Writes a uniform random k-subset of [0, n) into out[0..k) in ascending order and returns
   * k (selection sampling, Knuth's Algorithm S): O(n) and already sorted, which keeps row
   * bagging cache-friendly without a sort.
   */
  sampleSorted(n: number, k: number, out: Int32Array): number {
    const m = Math.min(Math.max(k, 0), n);
    let needed = m;
    let j = 0;
    for (let i = 0; i < n && needed > 0; i++) {
      if (this.nextFloat() * (n - i) < needed) {
        out[j++] = i;
        needed--;
      }
    }
    return m;
  }

  /** k distinct integers drawn uniformly from [0, n), in random order (Fisher-Yates). */
  sample(n: number, k: number): Int32Array {
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    const m = this.shufflePrefix(pool, k);
    return pool.slice(0, m);
  }
}

/**
 * Derives an independent-looking seed for sub-stream `stream` (e.g. a tree index) from a
 * base seed, so tree t's randomness does not depend on how many trees came before it.
 * splitmix32-style finaliser over the pair.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul((stream + 1) >>> 0, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
