import type { InputRecord } from '../../domain/input-record';
import { formatWallClock } from '../../domain/input-record';
import { quantile } from '../../domain/math/descriptive';
import {
  PACK_SCHEMA_VERSION,
  packManifestSchema,
  type HeadSpec,
  type InputSpec,
  type MemberSpec,
  type MetricsRow,
  type PackManifest,
  type TargetSpec,
} from '../../domain/pack-manifest';
import { sha256Hex } from '../../domain/sha256';
import { inverseTarget, selectColumns, type UnfittedFeature } from '../preprocessing';
import {
  groupMedianBaseline,
  metricsTable,
  persistenceBaseline,
  type ScoredModel,
} from './evaluate';
import { prepareHead, takeRows, takeValues } from './head-data';
import { BUDGETS, type MemberLearner, type TrainingBudget } from './members/member-learner';
import { ridgeLearner } from './members/ridge-member';
import type { ProgressSink } from './progress';
import { DEFAULT_SPLIT, timeSplit, type SplitOptions, type TimeSplit } from './time-split';
import { memberColumns, plannedFits, trainHead, withTarget, type TrainedHead } from './train-head';
import type { CleaningStep, TrainingTable } from './training-table';

/** What a dataset adapter (or the browser wizard) declares about the pack to train. */
export interface PackDefinition {
  id: string;
  title: { es: string; en: string };
  dataSource: Omit<PackManifest['dataSource'], 'rows' | 'firstDate' | 'lastDate'>;
  inputs: InputSpec[];
  dose: { target: TargetSpec; features: UnfittedFeature[] };
  settled?: { target: TargetSpec; features: UnfittedFeature[] };
  cleaning: CleaningStep[];
}

export interface TrainPackOptions {
  seed: number;
  budget: TrainingBudget;
  learners: readonly MemberLearner[];
  split?: SplitOptions;
  /** 0.1 for a 90 % interval. */
  alpha?: number;
  createdAt?: string;
  goldenRows?: number;
  shouldStop?: () => boolean;
  onProgress?: ProgressSink;
}

export interface GoldenRow {
  inputs: InputRecord;
  dose: {
    members: Record<string, number>;
    ensemble: number;
    value: number;
    lo: number;
    hi: number;
  };
  settled?: {
    members: Record<string, number>;
    ensemble: number;
    value: number;
    lo: number;
    hi: number;
  };
}

export interface GoldenFile {
  packId: string;
  note: string;
  rows: GoldenRow[];
}

export interface TrainedPack {
  manifest: PackManifest;
  /** Every file of the pack except manifest.json, by relative path. */
  files: Record<string, Uint8Array>;
  golden: GoldenFile;
  split: TimeSplit;
  heads: { dose: TrainedHead; settled?: TrainedHead };
  /** Tuning results per head and member, for the model card. */
  tuning: {
    head: string;
    member: string;
    cvMae: number;
    trials: number;
    hyperparameters: Record<string, unknown>;
  }[];
}

function usedInputIds(features: readonly UnfittedFeature[]): Set<string> {
  const ids = new Set<string>();
  for (const f of features) {
    ids.add(f.input);
    const t = f.transform;
    if (t.kind === 'log1pDelta' || t.kind === 'hoursSince') ids.add(t.previous);
    if (t.kind === 'groupRatio') ids.add(t.group);
  }
  return ids;
}

/** Inputs the heads use, with training ranges and quantiles from training rows only. */
function describeInputs(
  def: PackDefinition,
  records: readonly InputRecord[],
  trainRows: readonly number[],
): InputSpec[] {
  const used = usedInputIds([...def.dose.features, ...(def.settled?.features ?? [])]);
  return def.inputs
    .filter((input) => used.has(input.id))
    .map((input) => {
      if (input.kind !== 'number') return input;
      const values = trainRows
        .map((r) => records[r]?.[input.id])
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
        .sort((a, b) => a - b);
      if (values.length === 0) return input;
      return {
        ...input,
        trainingRange: [values[0] as number, values[values.length - 1] as number] as [
          number,
          number,
        ],
        quantiles: [0.01, 0.05, 0.5, 0.95, 0.99].map((q) => quantile(values, q)),
      };
    });
}

function headScoredModels(
  head: TrainedHead,
  baselines: ScoredModel[],
): { models: ScoredModel[]; lo: Float64Array; hi: Float64Array; value: Float64Array } {
  const inv = (v: number) => inverseTarget(head.target, v);
  const value = head.predictions.ensemble.map(inv);
  const lo = head.predictions.ensemble.map((v) =>
    Math.max(head.target.physicalRange[0], inv(v - head.conformalQuantile)),
  );
  const hi = head.predictions.ensemble.map((v) => inv(v + head.conformalQuantile));
  const members = head.members.map((m, k) => ({
    model: `member: ${m.learner.kind}`,
    prediction: (head.predictions.member[k] as Float64Array).map(inv),
  }));
  return {
    models: [...baselines, ...members, { model: 'ensemble', prediction: value, lo, hi }],
    lo,
    hi,
    value,
  };
}

/**
 * A member with stacking weight 0 does not change the ensemble, so it is not shipped: the pack is
 * smaller and loads faster (the AguaClara dose GBDT was 455 KB at weight 0). Its test metrics
 * stay in the table.
 */
function isShipped(head: TrainedHead, k: number): boolean {
  return (head.weights[k] as number) > 0;
}

export async function trainPack(
  table: TrainingTable,
  def: PackDefinition,
  options: TrainPackOptions,
): Promise<TrainedPack> {
  const onProgress = options.onProgress ?? (() => undefined);
  const shouldStop = options.shouldStop ?? (() => false);
  const alpha = options.alpha ?? 0.1;
  const splitOptions = options.split ?? DEFAULT_SPLIT;
  const split = timeSplit(table.group, table.time, splitOptions);
  const preTest = [...split.train, ...split.calibration];
  const counter = {
    done: 0,
    total: plannedFits(options, splitOptions.nFolds) * (def.settled ? 2 : 1),
  };
  onProgress({
    head: 'dose',
    stage: 'split',
    done: 0,
    total: counter.total,
    message: 'time-ordered split',
  });

  const headOptions = (name: string) => ({
    name,
    seed: options.seed,
    budget: options.budget,
    learners: options.learners,
    alpha,
    shouldStop,
    onProgress,
    counter,
    group: table.group,
  });

  // Dose head.
  const doseData = prepareHead(
    def.dose.features,
    def.dose.target,
    table.records,
    table.target,
    split.train,
  );
  const doseHead = await trainHead(def.dose.target, doseData, split, headOptions('dose'));
  const doseMedian = groupMedianBaseline(table.target, table.group, preTest);
  const doseBaselines: ScoredModel[] = [
    { model: 'baseline: plant median', prediction: doseMedian },
    {
      model: 'baseline: persistence',
      prediction: persistenceBaseline(table.previousTarget, doseMedian),
    },
    {
      model: 'baseline: ridge (α=1, untuned)',
      prediction: await untunedRidge(doseData, split, def.dose.target, options.seed),
    },
  ];
  onProgress({
    head: 'dose',
    stage: 'evaluate',
    done: counter.done,
    total: counter.total,
    message: 'test-set metrics',
  });
  const dose = headScoredModels(doseHead, doseBaselines);
  const doseMetrics = metricsTable(dose.models, table.target, table.group, split.test);

  // Settled-turbidity head: raw-water features plus the applied dose.
  let settledHead: TrainedHead | undefined;
  let settled: ReturnType<typeof headScoredModels> | undefined;
  let settledMetrics: MetricsRow[] = [];
  if (def.settled) {
    const data = prepareHead(
      def.settled.features,
      def.settled.target,
      table.records,
      table.settled,
      split.train,
    );
    settledHead = await trainHead(def.settled.target, data, split, headOptions('settled'));
    const med = groupMedianBaseline(table.settled, table.group, preTest);
    settled = headScoredModels(settledHead, [
      { model: 'baseline: plant median', prediction: med },
      {
        model: 'baseline: ridge (α=1, untuned)',
        prediction: await untunedRidge(data, split, def.settled.target, options.seed),
      },
    ]);
    settledMetrics = metricsTable(
      settled.models,
      table.settled,
      table.group,
      withTarget(split.test, data.z),
    );
  }

  onProgress({
    head: 'dose',
    stage: 'export',
    done: counter.done,
    total: counter.total,
    message: 'writing pack files',
  });
  const files: Record<string, Uint8Array> = {};
  const exportHead = async (head: TrainedHead, prefix: string): Promise<MemberSpec[]> => {
    const specs: MemberSpec[] = [];
    for (const [k, m] of head.members.entries()) {
      if (!isShipped(head, k)) continue;
      const exported = await m.fitted.export(`${prefix}-${m.learner.kind}`);
      Object.assign(files, exported.files);
      const all = m.columns.length === head.data.p;
      specs.push({
        ...exported.spec,
        ...(all ? {} : { columns: m.columns }),
        weight: head.weights[k] as number,
      } as MemberSpec);
    }
    return specs;
  };
  const headSpec = async (
    head: TrainedHead,
    prefix: string,
    metrics: MetricsRow[],
  ): Promise<HeadSpec> => ({
    target: head.target,
    features: head.data.features,
    members: await exportHead(head, prefix),
    stacking: { intercept: head.intercept },
    conformal: { alpha: head.alpha, quantile: head.conformalQuantile },
    novelty: head.novelty,
    metrics,
  });
  const heads: PackManifest['heads'] = { dose: await headSpec(doseHead, 'dose', doseMetrics) };
  if (settledHead) heads.settled = await headSpec(settledHead, 'settled', settledMetrics);

  // Golden rows: evenly spaced test rows, with every member's exact output.
  const goldenCount = Math.min(options.goldenRows ?? 200, split.test.length);
  const goldenIdx = Array.from(
    { length: goldenCount },
    (_, i) => split.test[Math.floor((i * split.test.length) / goldenCount)] as number,
  );
  const headGolden = (
    head: TrainedHead,
    scored: ReturnType<typeof headScoredModels>,
    r: number,
  ) => ({
    members: Object.fromEntries(
      head.members.flatMap((m, k) =>
        isShipped(head, k) ? [[m.learner.kind, head.predictions.member[k]?.[r] as number]] : [],
      ),
    ),
    ensemble: head.predictions.ensemble[r] as number,
    value: scored.value[r] as number,
    lo: scored.lo[r] as number,
    hi: scored.hi[r] as number,
  });
  const golden: GoldenFile = {
    packId: def.id,
    note: 'Node-side outputs of every member (transformed target scale) and of the ensemble, for browser parity tests.',
    rows: goldenIdx.map((r) => {
      const row: GoldenRow = {
        inputs: table.records[r] as InputRecord,
        dose: headGolden(doseHead, dose, r),
      };
      if (
        settledHead &&
        settled &&
        Number.isFinite(settledHead.predictions.ensemble[r] as number)
      ) {
        row.settled = headGolden(settledHead, settled, r);
      }
      return row;
    }),
  };
  files['golden.json'] = new TextEncoder().encode(JSON.stringify(golden));

  const first = table.time[0] ?? Number.NaN;
  const last = table.time[table.time.length - 1] ?? Number.NaN;
  const fmt = (rows: readonly number[], pick: 'first' | 'last') => {
    const times = rows.map((r) => table.time[r] as number);
    return times.length
      ? formatWallClock(pick === 'first' ? Math.min(...times) : Math.max(...times))
      : '';
  };
  const manifestDraft = {
    schemaVersion: PACK_SCHEMA_VERSION,
    id: def.id,
    title: def.title,
    createdAt: options.createdAt ?? new Date().toISOString(),
    seed: options.seed,
    dataSource: {
      ...def.dataSource,
      rows: table.records.length,
      firstDate: formatWallClock(first),
      lastDate: formatWallClock(last),
    },
    split: {
      trainEnd: fmt(split.train, 'last'),
      calibrationEnd: fmt(split.calibration, 'last'),
      testStart: fmt(split.test, 'first'),
      description: `per plant: last ${Math.round(splitOptions.testFraction * 100)} % of reports by date = test; the ${Math.round(
        splitOptions.calibrationFraction * 100,
      )} % before it = stacking and conformal calibration; the rest = training, tuned by ${splitOptions.nFolds}-fold rolling-origin CV. Once weights and interval are fixed, the shipped members are refitted on training + calibration rows (the most recent history before the test set)`,
    },
    inputs: describeInputs(def, table.records, split.train),
    heads,
    cleaning: def.cleaning,
    files: [] as PackManifest['files'],
  };
  for (const [path, bytes] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    manifestDraft.files.push({ path, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  }
  const manifest = packManifestSchema.parse(manifestDraft);

  const tuning = [
    ...doseHead.members.map((m) => ({ head: 'dose', m })),
    ...(settledHead?.members.map((m) => ({ head: 'settled', m })) ?? []),
  ].map(({ head, m }) => ({
    head,
    member: m.learner.kind,
    cvMae: m.cvMae,
    trials: m.trials.length,
    hyperparameters: m.hyperparameters,
  }));
  const result: TrainedPack = { manifest, files, golden, split, heads: { dose: doseHead }, tuning };
  if (settledHead) result.heads.settled = settledHead;
  return result;
}

/**
 * The untuned ridge baseline (α = 1): the ridge member's own columns (never the tree-only ones,
 * such as the date, which a linear model extrapolates), fitted on the same pre-test rows as the
 * shipped members, predicted on every row.
 */
async function untunedRidge(
  data: ReturnType<typeof prepareHead>,
  split: TimeSplit,
  target: TargetSpec,
  seed: number,
): Promise<Float64Array> {
  const rows = withTarget(split.preTest, data.z);
  const columns = memberColumns(data, ridgeLearner);
  const x = selectColumns(data.x, data.p, columns);
  const p = columns.length;
  const fitted = await ridgeLearner.fit(
    takeRows(x, p, rows),
    takeValues(data.z, rows),
    rows.length,
    p,
    { alpha: 1 },
    { seed, shouldStop: () => false },
  );
  const pred = await fitted.predict(x, data.z.length);
  fitted.dispose();
  return pred.map((v) => inverseTarget(target, v));
}

export { BUDGETS };
