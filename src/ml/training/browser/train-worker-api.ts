import { initBackend } from '../../engine/tf-backend';
import { buildMappedDataset, type SourceColumn } from '../mapped-dataset';
import { BUDGETS } from '../members/member-learner';
import { mlpLearner } from '../members/mlp-member';
import { ridgeLearner } from '../members/ridge-member';
import { gbdtLearner, randomForestLearner } from '../members/tree-members';
import { modelCard, tuningMarkdown } from '../model-card';
import { trainPack } from '../train-pack';
import type { TrainingMapping } from '../../../domain/training-mapping';
import type { TrainProgressCallback, TrainResponse } from './train-protocol';

/**
 * Train a pack from a mapped table: the exact modules `npm run train -- --csv … --config …` runs.
 * Runs inside the training worker (or on the page as a fallback). Nothing is saved here: the page
 * saves the pack only after this resolves, so a cancelled run leaves nothing behind.
 */
export async function runTraining(
  columns: readonly SourceColumn[],
  mapping: TrainingMapping,
  onProgress: TrainProgressCallback,
  shouldStop: () => boolean = () => false,
): Promise<TrainResponse> {
  const built = buildMappedDataset(columns, mapping);
  if (!built.ok) return { ok: false, problems: built.problems };
  try {
    const backend = await initBackend();
    const t0 = performance.now();
    const pack = await trainPack(built.table, built.definition, {
      seed: mapping.seed,
      budget: BUDGETS[mapping.budget],
      learners: [ridgeLearner, randomForestLearner, gbdtLearner, mlpLearner],
      onProgress,
      shouldStop,
    });
    const card = modelCard(pack.manifest, {
      tuning: tuningMarkdown(pack.tuning),
      limitations: [
        'Trained in the browser on a table supplied by the plant; check the data and its quality before relying on it.',
      ],
    });
    for (const head of Object.values(pack.heads)) head?.members.forEach((m) => m.fitted.dispose());
    return {
      ok: true,
      pack: {
        manifest: pack.manifest,
        files: pack.files,
        card,
        seconds: (performance.now() - t0) / 1000,
        backend,
      },
    };
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
