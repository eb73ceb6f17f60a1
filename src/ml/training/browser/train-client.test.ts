import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/math/random';
import { trainingMappingSchema } from '../../../domain/training-mapping';
import { checkManifest } from '../../../domain/pack-manifest';
import type { SourceColumn } from '../mapped-dataset';
import type { TrainingProgress } from '../progress';
import { trainPackInWorker } from './train-client';

/** Without Worker (Node), the client trains on this thread through the same entry point. */
function columns(n: number): SourceColumn[] {
  const rng = createRng(5);
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
  const turb = Float64Array.from({ length: n }, () => Math.exp(rng.uniform(0, 5)));
  const dose = Float64Array.from(turb, (t) => 1 + Math.log1p(t) + 0.05 * rng.normal());
  return [
    { name: 'Fecha', kind: 'datetime', values: time },
    { name: 'Turbiedad', kind: 'number', values: turb },
    { name: 'Dosis', kind: 'number', values: dose },
  ];
}

const mapping = trainingMappingSchema.parse({
  packId: 'prueba',
  title: { es: 'Prueba', en: 'Test' },
  source: { name: 'test', licence: 'private', attribution: 'test' },
  timeColumn: 'Fecha',
  target: {
    column: 'Dosis',
    label: { es: 'Dosis', en: 'Dose' },
    unit: 'mg/L',
    physicalRange: [0, 100],
  },
  features: [
    {
      column: 'Turbiedad',
      id: 'turbidity',
      label: { es: 'Turbiedad', en: 'Turbidity' },
      unit: 'NTU',
      physicalRange: [0, 4000],
      log: true,
    },
  ],
  budget: 'quick',
  seed: 1,
});

describe('trainPackInWorker (main-thread fallback)', () => {
  it('returns the mapping problems without training', async () => {
    const result = await trainPackInWorker(columns(50), mapping, () => undefined);
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'too-few-rows', count: 50, needed: 200 }],
    });
  });

  it('trains a schema-valid pack with a model card and reports progress', async () => {
    const progress: TrainingProgress[] = [];
    const result = await trainPackInWorker(columns(400), mapping, (p) => progress.push(p));
    expect(result.ok).toBe(true);
    if (!result.ok || !('pack' in result)) return;
    expect(checkManifest(JSON.parse(JSON.stringify(result.pack.manifest))).ok).toBe(true);
    expect(result.pack.card).toContain('Model card');
    expect(progress.at(-1)?.stage).toBe('export');
    expect(progress.some((p) => p.stage === 'tune')).toBe(true);
  }, 120_000);

  it('stops with an AbortError when cancelled, returning no pack', async () => {
    const controller = new AbortController();
    const run = trainPackInWorker(
      columns(400),
      mapping,
      (p) => {
        if (p.stage === 'tune') controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  }, 120_000);
});
