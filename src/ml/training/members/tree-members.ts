import { encodeForest } from '../../trees/forest-codec';
import { predictForest, type FlatForest } from '../../trees/flat-forest';
import { trainGbdt } from '../../trees/gbdt';
import { trainRandomForest } from '../../trees/random-forest';
import {
  numberParam,
  type FittedMember,
  type Hyperparameters,
  type MemberLearner,
} from './member-learner';

/** Tree members ship as a flat-forest binary; trainer and engine run the same evaluator on it. */
function fittedForest(
  forest: FlatForest,
  kind: 'gbdt' | 'randomForest',
  hp: Hyperparameters,
): FittedMember {
  return {
    predict: async (x, n) => predictForest(forest, x, n),
    async export(id) {
      const forestFile = `members/${id}.forest.bin`;
      return {
        spec: { id, kind, format: 'flat-forest', forestFile, hyperparameters: { ...hp } },
        files: { [forestFile]: new Uint8Array(encodeForest(forest)) },
      };
    },
    dispose: () => undefined,
  };
}

export const gbdtLearner: MemberLearner = {
  kind: 'gbdt',
  readsTreesOnlyFeatures: true,
  honoursMonotone: true,
  defaults: (budget) => ({
    nTrees: Math.round(400 * budget.sizeScale),
    learningRate: 0.05,
    maxDepth: 6,
    minSamplesLeaf: 20,
    lambdaL2: 1,
    subsample: 0.8,
    colsample: 0.8,
  }),
  sample: (rng, budget) => ({
    nTrees: Math.round(rng.pick([200, 400, 700]) * budget.sizeScale),
    learningRate: rng.logUniform(0.01, 0.15),
    maxDepth: rng.pick([3, 4, 5, 6, 8]),
    minSamplesLeaf: rng.pick([5, 10, 20, 40, 80]),
    lambdaL2: rng.logUniform(0.01, 10),
    subsample: rng.uniform(0.6, 1),
    colsample: rng.uniform(0.5, 1),
  }),
  async fit(x, y, n, p, hp, ctx) {
    const { forest } = trainGbdt(
      x,
      y,
      n,
      p,
      {
        nTrees: numberParam(hp, 'nTrees'),
        learningRate: numberParam(hp, 'learningRate'),
        maxDepth: numberParam(hp, 'maxDepth'),
        minSamplesLeaf: numberParam(hp, 'minSamplesLeaf'),
        lambdaL2: numberParam(hp, 'lambdaL2'),
        subsample: numberParam(hp, 'subsample'),
        colsample: numberParam(hp, 'colsample'),
        maxBins: 255,
        seed: ctx.seed,
        ...(ctx.monotone ? { monotone: ctx.monotone } : {}),
      },
      { shouldStop: ctx.shouldStop },
    );
    return fittedForest(forest, 'gbdt', hp);
  },
};

export const randomForestLearner: MemberLearner = {
  kind: 'randomForest',
  readsTreesOnlyFeatures: true,
  honoursMonotone: true,
  defaults: (budget) => ({
    nTrees: Math.round(200 * budget.sizeScale),
    maxDepth: 12,
    minSamplesLeaf: 5,
    maxFeaturesFraction: 0.5,
  }),
  sample: (rng, budget) => ({
    nTrees: Math.round(rng.pick([100, 200, 300]) * budget.sizeScale),
    // Depth 16 was tried: the AguaClara forest grew to 4.9 MB, most of a cold load on a tablet.
    maxDepth: rng.pick([6, 8, 10, 12]),
    minSamplesLeaf: rng.pick([1, 3, 5, 10, 20, 40]),
    maxFeaturesFraction: rng.uniform(0.2, 1),
  }),
  async fit(x, y, n, p, hp, ctx) {
    const { forest } = trainRandomForest(
      x,
      y,
      n,
      p,
      {
        nTrees: numberParam(hp, 'nTrees'),
        maxDepth: numberParam(hp, 'maxDepth'),
        minSamplesLeaf: numberParam(hp, 'minSamplesLeaf'),
        maxFeatures: Math.max(1, Math.round(numberParam(hp, 'maxFeaturesFraction') * p)),
        maxBins: 255,
        seed: ctx.seed,
        ...(ctx.monotone ? { monotone: ctx.monotone } : {}),
      },
      { shouldStop: ctx.shouldStop },
    );
    return fittedForest(forest, 'randomForest', hp);
  },
};
