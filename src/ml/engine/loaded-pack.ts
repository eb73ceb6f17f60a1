import type * as tfl from '@tensorflow/tfjs-layers';
import type { InputRecord } from '../../domain/input-record';
import type { HeadSpec, PackManifest } from '../../domain/pack-manifest';
import { sha256Hex } from '../../domain/sha256';
import { featureMatrix, inverseTarget } from '../preprocessing';
import { layersModelFromFiles, predictLayers } from '../training/members/layers-model-io';
import { decodeForest } from '../trees/forest-codec';
import { predictForest, type FlatForest } from '../trees/flat-forest';

/**
 * A pack ready to predict: every member loaded from bytes whose sha256 matched the manifest.
 * Used by the browser engine and by the Node tests that check golden.json.
 */
export type LoadedMember =
  | { id: string; kind: string; weight: number; format: 'tfjs-layers'; model: tfl.LayersModel }
  | { id: string; kind: string; weight: number; format: 'flat-forest'; forest: FlatForest };

export interface LoadedHead {
  spec: HeadSpec;
  members: LoadedMember[];
}

export interface LoadedPack {
  manifest: PackManifest;
  dose: LoadedHead;
  settled?: LoadedHead;
  dispose(): void;
}

export class PackIntegrityError extends Error {
  constructor(
    readonly reason: 'missing-file' | 'sha256-mismatch' | 'size-mismatch',
    readonly path: string,
  ) {
    super(`Model pack file ${path}: ${reason}`);
    this.name = 'PackIntegrityError';
  }
}

/** Check every listed file against its sha256 and size; throws PackIntegrityError on the first bad one. */
export async function verifyPackFiles(
  manifest: PackManifest,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<void> {
  for (const f of manifest.files) {
    const bytes = files[f.path];
    if (!bytes) throw new PackIntegrityError('missing-file', f.path);
    if (bytes.byteLength !== f.bytes) throw new PackIntegrityError('size-mismatch', f.path);
    if ((await sha256Hex(bytes)) !== f.sha256)
      throw new PackIntegrityError('sha256-mismatch', f.path);
  }
}

function weightShardPaths(modelFile: string, modelJson: Uint8Array): string[] {
  const dir = modelFile.includes('/') ? modelFile.slice(0, modelFile.lastIndexOf('/') + 1) : '';
  const json = JSON.parse(new TextDecoder().decode(modelJson)) as {
    weightsManifest: { paths: string[] }[];
  };
  return json.weightsManifest.flatMap((g) => g.paths.map((p) => `${dir}${p}`));
}

async function loadHead(
  spec: HeadSpec,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<LoadedHead> {
  const members: LoadedMember[] = [];
  for (const m of spec.members) {
    if (m.format === 'flat-forest') {
      const bytes = files[m.forestFile];
      if (!bytes) throw new PackIntegrityError('missing-file', m.forestFile);
      const buffer = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      members.push({
        id: m.id,
        kind: m.kind,
        weight: m.weight,
        format: m.format,
        forest: decodeForest(buffer),
      });
    } else {
      const json = files[m.modelFile];
      if (!json) throw new PackIntegrityError('missing-file', m.modelFile);
      const shards = weightShardPaths(m.modelFile, json).map((p) => {
        const b = files[p];
        if (!b) throw new PackIntegrityError('missing-file', p);
        return b;
      });
      members.push({
        id: m.id,
        kind: m.kind,
        weight: m.weight,
        format: m.format,
        model: await layersModelFromFiles(json, shards),
      });
    }
  }
  return { spec, members };
}

/** Verify then load. Files: every pack file by relative path (manifest.json excluded). */
export async function loadPack(
  manifest: PackManifest,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<LoadedPack> {
  await verifyPackFiles(manifest, files);
  const dose = await loadHead(manifest.heads.dose, files);
  const settled = manifest.heads.settled
    ? await loadHead(manifest.heads.settled, files)
    : undefined;
  const all = [...dose.members, ...(settled?.members ?? [])];
  const pack: LoadedPack = {
    manifest,
    dose,
    dispose: () => all.forEach((m) => m.format === 'tfjs-layers' && m.model.dispose()),
  };
  if (settled) pack.settled = settled;
  return pack;
}

export interface HeadPrediction {
  /** Each member's output on the transformed target scale, by member kind: [n] each. */
  members: Record<string, Float64Array>;
  /** Stacked output on the transformed scale: [n]. */
  ensemble: Float64Array;
  /** Target units (mg/L, NTU): point, and the conformal interval bounds. */
  value: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/** Predict one head for a batch of input records. */
export async function predictHead(
  head: LoadedHead,
  records: readonly InputRecord[],
): Promise<HeadPrediction> {
  const { spec } = head;
  const n = records.length;
  const p = spec.features.length;
  const x = featureMatrix(spec.features, records);
  const members: Record<string, Float64Array> = {};
  const ensemble = new Float64Array(n).fill(spec.stacking.intercept);
  for (const m of head.members) {
    const pred =
      m.format === 'flat-forest'
        ? predictForest(m.forest, x, n)
        : await predictLayers(m.model, x, n, p);
    members[m.kind] = pred;
    for (let i = 0; i < n; i++)
      ensemble[i] = (ensemble[i] as number) + m.weight * (pred[i] as number);
  }
  const q = spec.conformal.quantile;
  const floor = spec.target.physicalRange[0];
  return {
    members,
    ensemble,
    value: ensemble.map((v) => inverseTarget(spec.target, v)),
    lo: ensemble.map((v) => Math.max(floor, inverseTarget(spec.target, v - q))),
    hi: ensemble.map((v) => inverseTarget(spec.target, v + q)),
  };
}
