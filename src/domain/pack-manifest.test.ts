import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkManifest, PACK_SCHEMA_VERSION } from './pack-manifest';

const FC = { seed: 31337, numRuns: 500 };

const text = (s: string) => ({ es: s, en: s });

function minimalHead() {
  return {
    target: {
      id: 'dose',
      label: text('Dose'),
      unit: 'mg/L',
      physicalRange: [0, 500],
      transform: 'log1p',
    },
    features: [
      { name: 'raw_log', input: 'raw_turbidity', transform: { kind: 'log1p' }, mean: 2, std: 1.5 },
    ],
    members: [
      {
        id: 'gbdt',
        kind: 'gbdt',
        format: 'flat-forest',
        forestFile: 'dose/gbdt.bin',
        weight: 1,
        hyperparameters: { trees: 100 },
      },
    ],
    stacking: { intercept: 0 },
    conformal: { alpha: 0.1, quantile: 0.3 },
    novelty: {
      features: ['raw_log'],
      mean: [2],
      precision: [1],
      threshold: 9,
      thresholdQuantile: 0.99,
    },
    metrics: [],
  };
}

function minimalManifest(): Record<string, unknown> {
  return {
    schemaVersion: PACK_SCHEMA_VERSION,
    id: 'test-pack',
    title: text('Test pack'),
    createdAt: '2025-01-01T00:00:00.000Z',
    seed: 1,
    dataSource: {
      name: 'n',
      url: 'u',
      licence: 'MIT',
      attribution: 'a',
      rows: 10,
      firstDate: '2015-01-01 00:00',
      lastDate: '2015-02-01 00:00',
    },
    split: { trainEnd: 'a', calibrationEnd: 'b', testStart: 'c', description: 'd' },
    inputs: [
      {
        id: 'raw_turbidity',
        label: text('Raw turbidity'),
        kind: 'number',
        unit: 'NTU',
        optional: false,
        role: 'reading',
      },
    ],
    heads: { dose: minimalHead() },
    cleaning: [],
    files: [{ path: 'dose/gbdt.bin', bytes: 123, sha256: 'a'.repeat(64) }],
  };
}

/** Every value fast-check can build, including null-prototype objects, bigints, maps, dates… */
const junk = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

describe('checkManifest', () => {
  it('accepts a minimal valid manifest and returns it parsed', () => {
    const raw = minimalManifest();
    const check = checkManifest(raw);
    expect(check.ok, check.ok ? '' : check.detail).toBe(true);
    if (check.ok) {
      expect(check.manifest.id).toBe('test-pack');
      expect(check.manifest.heads.dose.features[0]?.transform).toEqual({ kind: 'log1p' });
    }
  });

  it("reports schemaVersion 2 as 'unknown-schema-version'", () => {
    const check = checkManifest({ ...minimalManifest(), schemaVersion: 2 });
    expect(check).toMatchObject({ ok: false, reason: 'unknown-schema-version' });
    if (!check.ok) expect(check.detail).toContain('schemaVersion 2');
  });

  it("reports a bad sha256 as 'invalid-manifest' naming the field", () => {
    for (const sha256 of ['A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64), '']) {
      const raw = minimalManifest();
      raw.files = [{ path: 'dose/gbdt.bin', bytes: 123, sha256 }];
      const check = checkManifest(raw);
      expect(check).toMatchObject({ ok: false, reason: 'invalid-manifest' });
      if (!check.ok) expect(check.detail).toContain('files[0].sha256');
    }
  });

  it("reports a missing field as 'invalid-manifest' naming the field", () => {
    const raw = minimalManifest();
    delete raw.title;
    const check = checkManifest(raw);
    expect(check).toMatchObject({ ok: false, reason: 'invalid-manifest' });
    if (!check.ok) expect(check.detail).toContain('title');

    const noDose = minimalManifest();
    noDose.heads = {};
    const check2 = checkManifest(noDose);
    expect(check2).toMatchObject({ ok: false, reason: 'invalid-manifest' });
    if (!check2.ok) expect(check2.detail).toContain('heads.dose');
  });

  it('rejects a manifest without schemaVersion as invalid, not as another version', () => {
    const raw = minimalManifest();
    delete raw.schemaVersion;
    expect(checkManifest(raw)).toMatchObject({ ok: false, reason: 'invalid-manifest' });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'manifest'],
    ['a number', 1],
    ['an array', [minimalManifest()]],
    ['an empty object', {}],
  ])('returns invalid-manifest for %s', (_label, raw) => {
    const check = checkManifest(raw);
    expect(check).toMatchObject({ ok: false, reason: 'invalid-manifest' });
    if (!check.ok) expect(check.detail.length).toBeGreaterThan(0);
  });

  it('never throws on a schemaVersion that cannot be turned into a string', () => {
    const fromJson: unknown = JSON.parse('{"schemaVersion": {"toString": 1}}');
    for (const raw of [fromJson, { schemaVersion: Object.create(null) }]) {
      const check = checkManifest(raw);
      expect(check).toMatchObject({ ok: false, reason: 'unknown-schema-version' });
    }
  });

  it('never throws on junk, and never accepts it', () => {
    fc.assert(
      fc.property(junk, (raw) => {
        expect(checkManifest(raw).ok).toBe(false);
      }),
      FC,
    );
    fc.assert(
      fc.property(junk, (schemaVersion) => {
        const check = checkManifest({ ...minimalManifest(), schemaVersion });
        if (schemaVersion !== PACK_SCHEMA_VERSION) {
          expect(check).toMatchObject({ ok: false, reason: 'unknown-schema-version' });
        }
      }),
      FC,
    );
  });
});
