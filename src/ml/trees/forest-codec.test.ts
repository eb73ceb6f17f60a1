import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlatForest } from './flat-forest';
import { FOREST_MAGIC, decodeForest, encodeForest } from './forest-codec';
import type { TreeNode } from './naive-traversal';
import { flattenTrees } from './naive-traversal';

const treeArb: fc.Arbitrary<TreeNode> = fc.letrec<{
  node: TreeNode;
  leaf: TreeNode;
  split: TreeNode;
}>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('split')),
  // Any double, including NaN and -0, must survive bit for bit.
  leaf: fc.record({ leaf: fc.double() }),
  split: fc.record({
    feature: fc.integer({ min: 0, max: 4 }),
    threshold: fc.double(),
    missingLeft: fc.boolean(),
    left: tie('node'),
    right: tie('node'),
  }),
})).node;

const forestArb = fc
  .tuple(
    fc.array(treeArb, { minLength: 0, maxLength: 5 }),
    fc.double(),
    fc.constantFrom('sum' as const, 'mean' as const),
  )
  .map(([trees, base, agg]) => flattenTrees(trees, 5, base, agg));

function bytesOf(a: Float64Array | Int32Array | Uint8Array): number[] {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function expectBitIdentical(a: FlatForest, b: FlatForest): void {
  expect(b.nFeatures).toBe(a.nFeatures);
  expect(b.aggregation).toBe(a.aggregation);
  expect(bytesOf(new Float64Array([b.baseScore]))).toEqual(
    bytesOf(new Float64Array([a.baseScore])),
  );
  for (const key of [
    'feature',
    'threshold',
    'left',
    'right',
    'missingLeft',
    'value',
    'roots',
  ] as const) {
    expect(b[key].constructor).toBe(a[key].constructor);
    expect(bytesOf(b[key])).toEqual(bytesOf(a[key]));
  }
}

describe('forest codec', () => {
  it('round-trips bit-exactly, with an 8-byte-aligned length', () => {
    fc.assert(
      fc.property(forestArb, (forest) => {
        const buf = encodeForest(forest);
        expect(buf.byteLength % 8).toBe(0);
        const back = decodeForest(buf);
        expectBitIdentical(forest, back);
        expect(new Uint8Array(encodeForest(back))).toEqual(new Uint8Array(buf));
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('writes the magic little-endian at the start', () => {
    const buf = encodeForest(flattenTrees([{ leaf: 1 }], 1, 0, 'sum'));
    expect(new DataView(buf).getUint32(0, true)).toBe(FOREST_MAGIC);
    expect(String.fromCharCode(...new Uint8Array(buf, 0, 4))).toBe('FFST');
  });

  it('rejects every truncation and trailing bytes', () => {
    const trees: TreeNode[] = [
      { feature: 1, threshold: 2, missingLeft: true, left: { leaf: 1 }, right: { leaf: 3 } },
    ];
    const buf = encodeForest(flattenTrees(trees, 2, 0.5, 'sum'));
    for (let len = 0; len < buf.byteLength; len++) {
      expect(() => decodeForest(buf.slice(0, len))).toThrow(/truncated/);
    }
    const longer = new Uint8Array(buf.byteLength + 8);
    longer.set(new Uint8Array(buf));
    expect(() => decodeForest(longer.buffer)).toThrow(/trailing/);
  });

  it('rejects bad magic, unknown version and corrupt structure', () => {
    const trees: TreeNode[] = [
      { feature: 0, threshold: 2, missingLeft: false, left: { leaf: 1 }, right: { leaf: 3 } },
    ];
    const good = encodeForest(flattenTrees(trees, 1, 0, 'mean'));
    const badMagic = good.slice(0);
    new DataView(badMagic).setUint32(0, 0xdeadbeef, true);
    expect(() => decodeForest(badMagic)).toThrow(/bad magic/);
    const badVersion = good.slice(0);
    new DataView(badVersion).setUint32(4, 99, true);
    expect(() => decodeForest(badVersion)).toThrow(/version 99/);
    // Node 0's left child is the first entry of the `left` section: 32 header + 24 threshold
    // + 24 value + 16 feature (12 bytes padded to 8) = byte 96. Point it back at the root.
    const cyclic = good.slice(0);
    new DataView(cyclic).setInt32(32 + 24 + 24 + 16, 0, true);
    expect(() => decodeForest(cyclic)).toThrow(/invalid forest/);
  });
});
