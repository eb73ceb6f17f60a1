import type { HeadSpec } from '../../domain/pack-manifest';

/**
 * Novelty score as the trainer fitted it (train-head.ts fitNovelty): squared Mahalanobis distance
 * of the head's standardised features named in `novelty.features`, with a missing (NaN) feature
 * read as 0, i.e. the training mean.
 */
export interface NoveltyScorer {
  threshold: number;
  /** Score of row `row` of a standardised feature matrix x ([n, head.features.length]). */
  score(x: Float64Array, row: number): number;
}

export function noveltyScorer(head: HeadSpec): NoveltyScorer {
  const { novelty } = head;
  const p = head.features.length;
  const k = novelty.features.length;
  const cols = novelty.features.map((name) => {
    const j = head.features.findIndex((f) => f.name === name);
    if (j < 0) throw new Error(`novelty feature ${name} is not a feature of the head`);
    return j;
  });
  if (novelty.mean.length !== k || novelty.precision.length !== k * k)
    throw new Error(`novelty reference has the wrong shape for ${k} features`);
  const mean = Float64Array.from(novelty.mean);
  const precision = Float64Array.from(novelty.precision);
  const d = new Float64Array(k);
  return {
    threshold: novelty.threshold,
    score(x, row) {
      for (let c = 0; c < k; c++) {
        const v = x[row * p + (cols[c] as number)] as number;
        d[c] = (Number.isNaN(v) ? 0 : v) - (mean[c] as number);
      }
      let s = 0;
      for (let a = 0; a < k; a++) {
        let t = 0;
        for (let b = 0; b < k; b++) t += (precision[a * k + b] as number) * (d[b] as number);
        s += (d[a] as number) * t;
      }
      return s;
    },
  };
}
