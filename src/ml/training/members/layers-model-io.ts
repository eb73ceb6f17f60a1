import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A LayersModel as pack files: `<id>.model.json` (topology + weights manifest) and
 * `<id>.weights.bin`. Saving goes through a save handler, so it works in Node without tfjs-node
 * and in the browser alike; loading reads from verified bytes in memory, never from a URL.
 */
export async function layersModelToFiles(
  model: tfl.LayersModel,
  basePath: string,
): Promise<{ modelFile: string; files: Record<string, Uint8Array> }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs)
    throw new Error('model save produced no weights');
  const weightsFile = `${basePath}.weights.bin`;
  const modelFile = `${basePath}.model.json`;
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'dosis-coagulante trainer',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [weightsFile.split('/').pop()], weights: artifacts.weightSpecs }],
  };
  const weightBuffer = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  return {
    modelFile,
    files: {
      [modelFile]: new TextEncoder().encode(JSON.stringify(modelJson)),
      [weightsFile]: new Uint8Array(weightBuffer),
    },
  };
}

/** Build a LayersModel from a model.json's bytes and its weight shard bytes (in manifest order). */
export async function layersModelFromFiles(
  modelJsonBytes: Uint8Array,
  weightShards: Uint8Array[],
): Promise<tfl.LayersModel> {
  const json = JSON.parse(new TextDecoder().decode(modelJsonBytes)) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const total = weightShards.reduce((s, b) => s + b.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const shard of weightShards) {
    joined.set(shard, offset);
    offset += shard.byteLength;
  }
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: joined.buffer }),
  );
}

/** Predict with a LayersModel on float64 rows: one tensor, one batch, disposed before returning. */
export async function predictLayers(
  model: tfl.LayersModel,
  x: Float64Array,
  n: number,
  p: number,
): Promise<Float64Array> {
  if (n === 0) return new Float64Array(0);
  const out = tf.tidy(() => {
    const input = tf.tensor2d(Float32Array.from(x), [n, p]);
    // batchSize = n: the default of 32 makes the WASM backend ~40× slower (STACK-NOTES).
    return tf.reshape(model.predict(input, { batchSize: n }) as tf.Tensor, [n]);
  });
  const data = await out.data();
  out.dispose();
  return Float64Array.from(data);
}
