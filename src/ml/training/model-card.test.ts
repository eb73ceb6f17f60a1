import { describe, expect, it } from 'vitest';
import type { HeadSpec, MetricsRow } from '../../domain/pack-manifest';
import { verdict } from './model-card';

/** Only `metrics` is read by the verdict; the rest of a head is irrelevant here. */
function head(ensemble: [mae: number, r2: number], persistence: [number, number]): HeadSpec {
  const row = (model: string, [mae, r2]: [number, number]): MetricsRow => ({
    model,
    scope: 'all',
    n: 300,
    mae,
    rmse: mae * 1.3,
    r2,
    mape: 0.1,
    coverage: null,
  });
  return {
    metrics: [
      row('ensemble', ensemble),
      row('baseline: persistence', persistence),
      // A per-plant row that would flip the verdict if it were read: only scope 'all' counts.
      { ...row('ensemble', [99, -1]), scope: 'Planta A' },
    ],
  } as unknown as HeadSpec;
}

describe('verdict against keep-last-dose', () => {
  it('beats it when both MAE and R² are better, and says by how much', () => {
    const v = verdict(head([1.6, 0.9], [2, 0.8]));
    expect(v.beatsPersistence).toBe(true);
    expect(v.maeGainPercent).toBeCloseTo(20, 9);
    expect(v.text).toMatch(/^Beats keep-last-dose by 20\.0 % on MAE/);
  });

  it('does not beat it when the error is worse, or when only the MAE is better', () => {
    for (const h of [head([2.5, 0.7], [2, 0.8]), head([1.9, 0.75], [2, 0.8])]) {
      const v = verdict(h);
      expect(v.beatsPersistence).toBe(false);
      expect(v.text).toMatch(/^Does not beat keep-last-dose on this data/);
      expect(v.text).toContain('do not use it for dosing');
    }
    expect(verdict(head([2.5, 0.7], [2, 0.8])).maeGainPercent).toBeCloseTo(-25, 9);
  });

  it('never claims a win without the persistence baseline', () => {
    const h = { metrics: head([1, 1], [2, 0]).metrics.slice(0, 1) } as unknown as HeadSpec;
    expect(verdict(h)).toMatchObject({ beatsPersistence: false, maeGainPercent: 0 });
  });
});
