import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { InputRecord } from '../../domain/input-record';
import type { HeadSpec, PackManifest } from '../../domain/pack-manifest';
import { sha256Hex } from '../../domain/sha256';
import { featureMatrix, inverseTarget, selectColumns } from '../preprocessing';
import { layersModelFromFiles } from '../training/members/layers-model-io';
import { decodeForest } from '../trees/forest-codec';
import { predictForest, type FlatForest } from '../trees/flat-forest';

/**
 * A pack ready to predict: every member loaded from bytes whose sha256 matched the manifest.
 * Used by the browser engine and by the Node tests that check golden.json.
 */
export type LoadedMember =
  | (MemberBase & { format: 'tfjs-layers'; model: tfl.LayersModel })
  | (MemberBase & { format: 'flat-forest'; forest: FlatForest });

interface MemberBase {
  id: string;
  kind: string;
  weight: number;
  /** Indices of the head's features this member reads; undefined = all. */
  columns: number[] | undefined;
}

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

function disposeMembers(members: readonly LoadedMember[]): void {
  for (const m of members) if (m.format === 'tfjs-layers') m.model.dispose();
}

async function loadHead(
  spec: HeadSpec,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<LoadedHead> {
  const members: LoadedMember[] = [];
  try {
    await loadMembers(spec, files, members);
  } catch (e) {
    disposeMembers(members);
    throw e;
  }
  return { spec, members };
}

async function loadMembers(
  spec: HeadSpec,
  files: Readonly<Record<string, Uint8Array>>,
  members: LoadedMember[],
): Promise<void> {
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
        columns: m.columns,
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
        columns: m.columns,
        format: m.format,
        model: await layersModelFromFiles(json, shards),
      });
    }
  }
}

/** Verify then load. Files: every pack file by relative path (manifest.json excluded). */
export async function loadPack(
  manifest: PackManifest,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<LoadedPack> {
  await verifyPackFiles(manifest, files);
  return loadVerifiedPack(manifest, files);
}

/** Load members from files that verifyPackFiles has already accepted. */
export async function loadVerifiedPack(
  manifest: PackManifest,
  files: Readonly<Record<string, Uint8Array>>,
): Promise<LoadedPack> {
  const dose = await loadHead(manifest.heads.dose, files);
  let settled: LoadedHead | undefined;
  try {
    settled = manifest.heads.settled ? await loadHead(manifest.heads.settled, files) : undefined;
  } catch (e) {
    disposeMembers(dose.members);
    throw e;
  }
  const all = [...dose.members, ...(settled?.members ?? [])];
  const pack: LoadedPack = {
    manifest,
    dose,
    dispose: () => disposeMembers(all),
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
  const x = featureMatrix(head.spec.features, records);
  return predictHeadMatrix(head, x, records.length);
}

/**
 * All LayersModel members of a head in one tidy and one download (a WebGL read-back is the slow
 * part of a single prediction). Each member gets its own input: its columns of x, with missing
 * features (NaN) imputed as 0, the training mean in standardised space, exactly as the trainer's
 * ridge and MLP members do. Everything is created inside `tf.tidy` except the result, which is
 * disposed after reading. x: row-major [n, p] per job.
 */
async function predictLayersMembers(
  jobs: readonly { model: tfl.LayersModel; x: Float64Array; p: number }[],
  n: number,
): Promise<Float64Array[]> {
  if (jobs.length === 0) return [];
  if (n === 0) return jobs.map(() => new Float64Array(0));
  const inputs = jobs.map(({ x }) => {
    const xi = new Float32Array(x.length);
    for (let i = 0; i < xi.length; i++) {
      const v = x[i] as number;
      xi[i] = Number.isNaN(v) ? 0 : v;
    }
    return xi;
  });
  const out = tf.tidy(() => {
    // batchSize = n: the default of 32 makes the WASM backend ~40× slower (STACK-NOTES).
    const outs = jobs.map(({ model, p }, k) =>
      tf.reshape(
        model.predict(tf.tensor2d(inputs[k] as Float32Array, [n, p]), {
          batchSize: n,
        }) as tf.Tensor,
        [n],
      ),
    );
    return outs.length === 1 ? (outs[0] as tf.Tensor) : tf.concat(outs);
  });
  let data: Float32Array;
  try {
    data = (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
  return jobs.map((_, k) => Float64Array.from(data.subarray(k * n, (k + 1) * n)));
}

/** Predict one head from its standardised feature matrix x ([n, head.spec.features.length]). */
export async function predictHeadMatrix(
  head: LoadedHead,
  x: Float64Array,
  n: number,
): Promise<HeadPrediction> {
  const { spec } = head;
  const p = spec.features.length;
  const layers = head.members.filter((m) => m.format === 'tfjs-layers');
  // Each member reads its own columns (linear and MLP members skip treesOnly features).
  const view = (m: LoadedMember) =>
    m.columns ? { x: selectColumns(x, p, m.columns), p: m.columns.length } : { x, p };
  const layerPreds = await predictLayersMembers(
    layers.map((m) => ({ model: m.model, ...view(m) })),
    n,
  );
  const members: Record<string, Float64Array> = {};
  const ensemble = new Float64Array(n).fill(spec.stacking.intercept);
  for (const m of head.members) {
    const pred =
      m.format === 'flat-forest'
        ? predictForest(m.forest, view(m).x, n)
        : (layerPreds[layers.indexOf(m)] as Float64Array);
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
