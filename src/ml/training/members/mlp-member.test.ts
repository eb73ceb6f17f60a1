import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpLearner, PATIENCE_EPOCHS } from './mlp-member';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 100 rows × 2 features, y = x0 − x1; rows in time order as the learner expects. */
function data() {
  const n = 100;
  const x = Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 0.7));
  const y = Float64Array.from(
    { length: n },
    (_, i) => (x[2 * i] as number) - (x[2 * i + 1] as number),
  );
  return { x, y, n };
}

/** Epochs run, counted through shouldStop (polled once at the start of every epoch). */
async function epochsRun(learningRate: number, epochs: number): Promise<number> {
  const { x, y, n } = data();
  let polls = 0;
  const hp = {
    ...mlpLearner.defaults({ name: 'quick', trials: 1, sizeScale: 1 }),
    learningRate,
    epochs,
  };
  const fitted = await mlpLearner.fit(x, y, n, 2, hp, {
    seed: 3,
    shouldStop: () => {
      polls += 1;
      return false;
    },
  });
  fitted.dispose();
  return polls;
}

describe('mlpLearner early stopping', () => {
  it(`stops ${PATIENCE_EPOCHS} epochs after the last better hold-out loss`, async () => {
    // Learning rate 0: the weights never move, so the hold-out loss never beats epoch 0's.
    expect(await epochsRun(0, 200)).toBe(PATIENCE_EPOCHS + 1);
  });

  it('runs every epoch while the hold-out loss keeps improving', async () => {
    expect(await epochsRun(0.01, 10)).toBe(10);
  });
});
