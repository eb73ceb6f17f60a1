/**
 * Bit-reproducible natural log and exp.
 *
 * Why: ECMAScript only requires Math.log / Math.exp / Math.cos to be
 * "implementation-approximated", so V8, SpiderMonkey and JavaScriptCore may
 * differ in the last bit. The seeded RNG must give the same stream in the Node
 * trainer and in every browser, so its transcendental steps use these
 * functions, built only from +, −, ×, ÷, Math.round and bit manipulation,
 * all of which IEEE 754 / ECMAScript specify exactly. Accuracy is within a
 * few ulp of the true value (tested against Math.log / Math.exp).
 */

// Scratch space to read/write the IEEE 754 bit pattern of a double.
const scratch = new DataView(new ArrayBuffer(8));

// ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants).
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const SQRT2 = 1.4142135623730951;
const TWO54 = 18014398509481984; // 2^54, lifts subnormals into the normal range

/** 2^k for an integer k in [-1022, 1023], built from bits (exact). */
function pow2(k: number): number {
  scratch.setUint32(0, (k + 1023) << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/** Natural logarithm; same special values as Math.log. */
export function portableLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54;
    e = -54;
  }
  // Split x = m · 2^e with m in [1, 2) by rewriting the exponent field.
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(0, (hi & 0x800fffff) | 0x3ff00000);
  let m = scratch.getFloat64(0);
  // Centre m on 1 (m in (√½, √2]) so the series argument stays small.
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716; series to s^25 is < 1 ulp short.
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // Horner from the innermost term: poly = 1/3 + s2·(1/5 + s2·(… + s2·(1/23 + s2/25))).
  let poly = 1 / 25;
  for (let k = 23; k >= 3; k -= 2) poly = 1 / k + s2 * poly;
  const tail = s2 * poly;
  const lnm = 2 * s + 2 * s * tail;
  return e * LN2_HI + (lnm + e * LN2_LO);
}

/** e^x; same special values as Math.exp. */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  // x = k·ln2 + r with |r| ≤ ln2/2, then e^x = 2^k · e^r.
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor series of e^r to r^18/18!; |r| ≤ 0.35 makes the remainder < 1e-25.
  let p = 1;
  for (let i = 18; i >= 1; i--) p = 1 + (p * r) / i;
  // Scale in two exact steps so results near the subnormal / overflow edges survive.
  const k1 = Math.trunc(k / 2);
  return p * pow2(k1) * pow2(k - k1);
}
