import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '../../../domain/math/random';
import { imputeMean } from '../../preprocessing';
import { layersModelToFiles, predictLayers } from './layers-model-io';
import { abortError, numberParam, type MemberLearner } from './member-learner';

/**
 * A small MLP (1–2 ReLU hidden layers, L2) in TF.js. The loop is ours rather than model.fit so
 * that batch order comes from the seeded RNG: same seed, same weights (model.fit shuffles with
 * Math.random).
 */
/** Share of the training rows, the latest in time, held out for early stopping. */
const VALIDATION_SHARE = 0.15;
/**
 * Epochs without a better hold-out loss before training stops (the best epoch's weights are kept
 * either way). Each optimiser step costs ~6 ms on the Node WASM backend, almost all per-op
 * overhead, so epochs past the best were most of a full `npm run train`.
 */
export const PATIENCE_EPOCHS = 15;

export const mlpLearner: MemberLearner = {
  kind: 'mlp',
  readsTreesOnlyFeatures: false,
  honoursMonotone: false,
  trialShare: 0.5,
  defaults: (budget) => ({
    hidden1: 64,
    hidden2: 32,
    learningRate: 0.003,
    l2: 1e-4,
    epochs: Math.round(80 * budget.sizeScale),
    batchSize: 64,
  }),
  sample: (rng, budget) => ({
    hidden1: rng.pick([16, 32, 64, 128]),
    hidden2: rng.pick([0, 16, 32, 64]),
    learningRate: rng.logUniform(5e-4, 1e-2),
    l2: rng.logUniform(1e-6, 1e-2),
    epochs: Math.round(rng.pick([40, 80, 120]) * budget.sizeScale),
    batchSize: rng.pick([64, 128, 256]),
  }),
  async fit(x, y, n, p, hp, ctx) {
    const hidden1 = numberParam(hp, 'hidden1');
    const hidden2 = numberParam(hp, 'hidden2');
    const learningRate = numberParam(hp, 'learningRate');
    const l2 = numberParam(hp, 'l2');
    const epochs = numberParam(hp, 'epochs');
    const batchSize = numberParam(hp, 'batchSize');
    const rng = createRng(ctx.seed);
    const init = () => tfl.initializers.heNormal({ seed: rng.int(2 ** 31) });
    const layers = [
      tfl.layers.dense({
        name: 'hidden1',
        units: hidden1,
        inputShape: [p],
        activation: 'relu',
        kernelInitializer: init(),
        kernelRegularizer: tfl.regularizers.l2({ l2 }),
      }),
    ];
    if (hidden2 > 0) {
      layers.push(
        tfl.layers.dense({
          name: 'hidden2',
          units: hidden2,
          activation: 'relu',
          kernelInitializer: init(),
          kernelRegularizer: tfl.regularizers.l2({ l2 }),
        }),
      );
    }
    // Start the output at the target mean so early epochs are not spent learning the offset.
    let yMean = 0;
    for (let i = 0; i < n; i++) yMean += (y[i] as number) / n;
    layers.push(
      tfl.layers.dense({
        name: 'output',
        units: 1,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: rng.int(2 ** 31) }),
        biasInitializer: tfl.initializers.constant({ value: yMean }),
      }),
    );
    // Fixed names: auto-generated ones come from a global counter and would make exports differ.
    const model = tfl.sequential({ name: 'mlp', layers });
    const optimizer = tf.train.adam(learningRate);

    // Early stopping on the latest VALIDATION_SHARE of the rows (callers pass rows in time order),
    // keeping the epoch with the lowest loss there. An interleaved hold-out (every 7th row) was
    // tried first: neighbouring reports are near-copies, so it rewarded memorising and the net
    // overfitted (AguaClara test MAE 2.40 mg/L, R² 0.30; forward hold-out: 2.16, 0.53).
    const xAll = imputeMean(x);
    const fitRows: number[] = [];
    const validRows: number[] = [];
    const cut = n >= 50 ? Math.floor(n * (1 - VALIDATION_SHARE)) : n;
    for (let i = 0; i < n; i++) (i >= cut ? validRows : fitRows).push(i);
    const nFit = fitRows.length;
    const nValid = validRows.length;
    const pick = (rows: number[]) => {
      const out = new Float32Array(rows.length * p);
      rows.forEach((r, i) => out.set(xAll.subarray(r * p, r * p + p), i * p));
      return out;
    };
    const xs = tf.tensor2d(pick(fitRows), [nFit, p]);
    const ys = tf.tensor2d(
      Float32Array.from(fitRows, (r) => y[r] as number),
      [nFit, 1],
    );
    const xv = nValid ? tf.tensor2d(pick(validRows), [nValid, p]) : null;
    const yv = nValid
      ? tf.tensor2d(
          Float32Array.from(validRows, (r) => y[r] as number),
          [nValid, 1],
        )
      : null;
    const order = Array.from({ length: nFit }, (_, i) => i);
    let best: { loss: number; epoch: number; weights: tf.Tensor[] } | null = null;
    try {
      for (let epoch = 0; epoch < epochs; epoch++) {
        if (ctx.shouldStop()) throw abortError();
        rng.shuffle(order);
        for (let start = 0; start < nFit; start += batchSize) {
          const idx = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
          const cost = optimizer.minimize(() => {
            const xb = tf.gather(xs, idx);
            const yb = tf.gather(ys, idx);
            const pred = model.apply(xb, { training: true }) as tf.Tensor;
            const mse = tf.losses.meanSquaredError(yb, pred);
            const reg = model.losses.length ? tf.addN(model.losses.map((f) => f())) : tf.scalar(0);
            return tf.add(mse, reg) as tf.Scalar;
          }, false);
          cost?.dispose();
          idx.dispose();
        }
        if (xv && yv) {
          const lossTensor = tf.tidy(() =>
            tf.losses.meanSquaredError(yv, model.predict(xv, { batchSize: nValid }) as tf.Tensor),
          );
          const loss = (await lossTensor.data())[0] as number;
          lossTensor.dispose();
          if (!best || loss < best.loss) {
            best?.weights.forEach((w) => w.dispose());
            best = { loss, epoch, weights: model.getWeights().map((w) => w.clone()) };
          } else if (epoch - best.epoch >= PATIENCE_EPOCHS) {
            break;
          }
        }
        // Let a worker's message loop run (cancel, progress) between epochs.
        await tf.nextFrame();
      }
      if (best) model.setWeights(best.weights);
    } catch (e) {
      model.dispose();
      throw e;
    } finally {
      best?.weights.forEach((w) => w.dispose());
      xs.dispose();
      ys.dispose();
      xv?.dispose();
      yv?.dispose();
      optimizer.dispose();
    }
    return {
      predict: (xr, rows) => predictLayers(model, imputeMean(xr), rows, p),
      async export(id) {
        const { modelFile, files } = await layersModelToFiles(model, `members/${id}`);
        return {
          spec: { id, kind: 'mlp', format: 'tfjs-layers', modelFile, hyperparameters: { ...hp } },
          files,
        };
      },
      dispose: () => model.dispose(),
    };
  },
};
