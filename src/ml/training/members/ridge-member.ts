import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fitRidge } from '../../../domain/math/ridge';
import { imputeMean } from '../../preprocessing';
import { layersModelToFiles, predictLayers } from './layers-model-io';
import { numberParam, type MemberLearner } from './member-learner';

/**
 * Ridge regression: solved exactly in float64 (closed form), then shipped as a one-layer TF.js
 * LayersModel so the browser evaluates it with the same float32 arithmetic the trainer scores.
 */
export const ridgeLearner: MemberLearner = {
  kind: 'ridge',
  readsTreesOnlyFeatures: false,
  honoursMonotone: false,
  defaults: () => ({ alpha: 1 }),
  sample: (rng) => ({ alpha: rng.logUniform(1e-3, 1e3) }),
  async fit(x, y, n, p, hp) {
    const alpha = numberParam(hp, 'alpha');
    const linear = fitRidge(imputeMean(x), y, n, p, alpha);
    // Fixed names: auto-generated ones come from a global counter and would make exports differ.
    const model = tfl.sequential({
      name: 'ridge',
      layers: [tfl.layers.dense({ units: 1, inputShape: [p], name: 'ridge_linear' })],
    });
    const kernel = tf.tensor2d(Float32Array.from(linear.coef), [p, 1]);
    const bias = tf.tensor1d([linear.intercept]);
    model.setWeights([kernel, bias]);
    kernel.dispose();
    bias.dispose();
    return {
      predict: (xs, rows) => predictLayers(model, imputeMean(xs), rows, p),
      async export(id) {
        const { modelFile, files } = await layersModelToFiles(model, `members/${id}`);
        return {
          spec: { id, kind: 'ridge', format: 'tfjs-layers', modelFile, hyperparameters: { alpha } },
          files,
        };
      },
      dispose: () => model.dispose(),
    };
  },
};
