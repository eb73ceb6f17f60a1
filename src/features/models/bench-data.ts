import { createRng } from '../../domain/math/random';
import { trainingMappingSchema, type TrainingMapping } from '../../domain/training-mapping';
import type { SourceColumn } from '../../ml/training/mapped-dataset';

/**
 * Generated data for the training benchmark (`bench/training-bench.ts`, through the ?test hook):
 * an hourly table of `features` readings (two log-scale concentrations, the rest linear) and a
 * dose that depends on them non-linearly, every row labelled. Seeded: the same table every run.
 */
export function benchColumns(rows: number, features: number): SourceColumn[] {
  const rng = createRng(7);
  const time = Float64Array.from({ length: rows }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
  const xs: Float64Array[] = [];
  for (let k = 0; k < features; k++) {
    const x = new Float64Array(rows);
    let level = rng.uniform(0, 1);
    for (let i = 0; i < rows; i++) {
      level = 0.97 * level + 0.03 * rng.uniform(0, 1);
      x[i] = k < 2 ? Math.exp(1 + 4 * level + 0.3 * rng.normal()) : 10 * level + rng.normal();
    }
    xs.push(x);
  }
  const dose = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let y = 5 + 4 * Math.log1p(xs[0]?.[i] ?? 0) + 0.5 * Math.sqrt(xs[1]?.[i] ?? 0);
    for (let k = 2; k < features; k++) y += (k % 2 ? 0.3 : -0.2) * (xs[k]?.[i] ?? 0);
    dose[i] = Math.max(0.5, y + 0.8 * rng.normal());
  }
  return [
    { name: 'time', kind: 'datetime', values: time },
    ...xs.map((values, k) => ({ name: `x${k}`, kind: 'number' as const, values })),
    { name: 'dose', kind: 'number', values: dose },
  ];
}

export function benchMapping(features: number, budget: TrainingMapping['budget']): TrainingMapping {
  return trainingMappingSchema.parse({
    packId: 'bench',
    title: { es: 'Banco de pruebas', en: 'Benchmark' },
    source: { name: 'generated', licence: 'MIT', attribution: 'generated' },
    timeColumn: 'time',
    target: {
      column: 'dose',
      label: { es: 'Dosis', en: 'Dose' },
      unit: 'mg/L',
      physicalRange: [0, 1000],
    },
    features: Array.from({ length: features }, (_, k) => ({
      column: `x${k}`,
      id: `x${k}`,
      label: { es: `x${k}`, en: `x${k}` },
      unit: '',
      physicalRange: [-1000, 100000],
      log: k < 2,
    })),
    budget,
    seed: 42,
  });
}
