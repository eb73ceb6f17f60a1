/**
 * Binary serialisation of a FlatForest into one ArrayBuffer.
 *
 * Layout (all little-endian, every section starts on an 8-byte boundary so a decoder could
 * view the arrays in place):
 *   0  u32 magic 'FFST' (0x54534646 read as LE u32)
 *   4  u32 format version (1)
 *   8  u32 nFeatures
 *  12  u32 nNodes
 *  16  u32 nTrees
 *  20  u32 aggregation (0 = sum, 1 = mean)
 *  24  f64 baseScore
 *  32  f64[nNodes] threshold, f64[nNodes] value,
 *      i32[nNodes] feature, i32[nNodes] left, i32[nNodes] right, i32[nTrees] roots,
 *      u8[nNodes] missingLeft; each section zero-padded to a multiple of 8 bytes.
 *
 * Bit-exactness: floats are copied as raw bytes (never through a JS number), so NaN payloads
 * and -0 survive. On a big-endian host bytes are swapped per element.
 */
import type { FlatForest } from './flat-forest';
import { validateForest } from './validate-forest';

export const FOREST_MAGIC = 0x54534646;
export const FOREST_FORMAT_VERSION = 1;
const HEADER_BYTES = 32;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

type NumericArray = Float64Array | Int32Array | Uint8Array;

function pad8(bytes: number): number {
  return (bytes + 7) & ~7;
}

function sectionSizes(nNodes: number, nTrees: number): number[] {
  return [
    pad8(nNodes * 8),
    pad8(nNodes * 8),
    pad8(nNodes * 4),
    pad8(nNodes * 4),
    pad8(nNodes * 4),
    pad8(nTrees * 4),
    pad8(nNodes),
  ];
}

/** Copies src's raw bytes into dst at offset, converting to little-endian. */
function writeLE(dst: Uint8Array, offset: number, src: NumericArray): void {
  const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
  const size = src.BYTES_PER_ELEMENT;
  if (HOST_LITTLE_ENDIAN || size === 1) {
    dst.set(bytes, offset);
    return;
  }
  for (let i = 0; i < bytes.length; i += size) {
    for (let k = 0; k < size; k++) dst[offset + i + k] = bytes[i + size - 1 - k]!;
  }
}

/** Reads `count` little-endian elements starting at offset into a fresh host-order array. */
function readLE<T extends NumericArray>(
  src: Uint8Array,
  offset: number,
  count: number,
  make: (n: number) => T,
): T {
  const out = make(count);
  const size = out.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(out.buffer);
  const chunk = src.subarray(offset, offset + count * size);
  if (HOST_LITTLE_ENDIAN || size === 1) {
    bytes.set(chunk);
    return out;
  }
  for (let i = 0; i < chunk.length; i += size) {
    for (let k = 0; k < size; k++) bytes[i + k] = chunk[i + size - 1 - k]!;
  }
  return out;
}

/** Serialises a forest. The result holds copies; later edits to `forest` do not leak in. */
export function encodeForest(forest: FlatForest): ArrayBuffer {
  validateForest(forest);
  const nNodes = forest.feature.length;
  const nTrees = forest.roots.length;
  const sizes = sectionSizes(nNodes, nTrees);
  const total = sizes.reduce((a, b) => a + b, HEADER_BYTES);
  const buf = new ArrayBuffer(total);
  const view = new DataView(buf);
  const bytes = new Uint8Array(buf);
  view.setUint32(0, FOREST_MAGIC, true);
  view.setUint32(4, FOREST_FORMAT_VERSION, true);
  view.setUint32(8, forest.nFeatures, true);
  view.setUint32(12, nNodes, true);
  view.setUint32(16, nTrees, true);
  view.setUint32(20, forest.aggregation === 'mean' ? 1 : 0, true);
  writeLE(bytes, 24, new Float64Array([forest.baseScore]));
  const sections: NumericArray[] = [
    forest.threshold,
    forest.value,
    forest.feature,
    forest.left,
    forest.right,
    forest.roots,
    forest.missingLeft,
  ];
  let offset = HEADER_BYTES;
  sections.forEach((arr, i) => {
    writeLE(bytes, offset, arr);
    offset += sizes[i]!;
  });
  return buf;
}

/** Parses a buffer from encodeForest. Throws an Error on bad magic, version or length. */
export function decodeForest(buf: ArrayBuffer): FlatForest {
  if (buf.byteLength < HEADER_BYTES) {
    throw new Error(
      `forest buffer truncated: ${buf.byteLength} bytes is shorter than the ${HEADER_BYTES}-byte header`,
    );
  }
  const view = new DataView(buf);
  const magic = view.getUint32(0, true);
  if (magic !== FOREST_MAGIC) {
    throw new Error(
      `not a forest buffer: bad magic 0x${magic.toString(16).padStart(8, '0')} (expected 0x${FOREST_MAGIC.toString(16)})`,
    );
  }
  const version = view.getUint32(4, true);
  if (version !== FOREST_FORMAT_VERSION) {
    throw new Error(
      `unsupported forest format version ${version} (this build reads version ${FOREST_FORMAT_VERSION})`,
    );
  }
  const nFeatures = view.getUint32(8, true);
  const nNodes = view.getUint32(12, true);
  const nTrees = view.getUint32(16, true);
  const aggCode = view.getUint32(20, true);
  if (aggCode > 1) throw new Error(`forest buffer has unknown aggregation code ${aggCode}`);
  const sizes = sectionSizes(nNodes, nTrees);
  const expected = sizes.reduce((a, b) => a + b, HEADER_BYTES);
  if (buf.byteLength < expected) {
    throw new Error(
      `forest buffer truncated: ${buf.byteLength} bytes, header announces ${expected} (${nNodes} nodes, ${nTrees} trees)`,
    );
  }
  if (buf.byteLength > expected) {
    throw new Error(
      `forest buffer has ${buf.byteLength - expected} trailing bytes beyond the announced ${expected}`,
    );
  }
  const bytes = new Uint8Array(buf);
  const baseScore = readLE(bytes, 24, 1, (n) => new Float64Array(n))[0]!;
  let offset = HEADER_BYTES;
  const next = <T extends NumericArray>(i: number, count: number, make: (n: number) => T): T => {
    const arr = readLE(bytes, offset, count, make);
    offset += sizes[i]!;
    return arr;
  };
  const f64 = (n: number): Float64Array => new Float64Array(n);
  const i32 = (n: number): Int32Array => new Int32Array(n);
  const threshold = next(0, nNodes, f64);
  const value = next(1, nNodes, f64);
  const feature = next(2, nNodes, i32);
  const left = next(3, nNodes, i32);
  const right = next(4, nNodes, i32);
  const roots = next(5, nTrees, i32);
  const missingLeft = next(6, nNodes, (n) => new Uint8Array(n));
  return validateForest({
    nFeatures,
    feature,
    threshold,
    left,
    right,
    missingLeft,
    value,
    roots,
    baseScore,
    aggregation: aggCode === 1 ? 'mean' : 'sum',
  });
}
