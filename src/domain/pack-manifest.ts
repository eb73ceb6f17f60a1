import { z } from 'zod';

// No JIT: zod 4 probes `new Function`, which the site's Content-Security-Policy forbids.
z.config({ jitless: true });

/**
 * The model-pack manifest: the one contract between the Node trainer, the in-browser trainer and
 * the in-browser engine. Every number the engine needs to reproduce a validated prediction is here
 * or in a file whose sha256 is listed here.
 */
export const PACK_SCHEMA_VERSION = 1;

const localisedText = z.object({ es: z.string().min(1), en: z.string().min(1) });
const range = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, 'range lo > hi');

/** An input is what the operator types or what a CSV column holds. */
export const inputSpecSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: localisedText,
  kind: z.enum(['number', 'category', 'datetime']),
  /** Unit symbol, e.g. 'NTU', 'mg/L', or 'plant units' where the source mixes units. */
  unit: z.string(),
  /** Known quantity this input measures (turbidity, ph, …), used for physical checks and matching. */
  quantity: z.string().optional(),
  /** Values outside this range are physically impossible: the engine rejects them. */
  physicalRange: range.optional(),
  /** Range seen in training: outside it the engine warns. */
  trainingRange: range.optional(),
  /** Training quantiles p1, p5, p50, p95, p99 (numbers only). */
  quantiles: z.array(z.number()).length(5).optional(),
  /** Allowed values for category inputs, in one-hot order. */
  categories: z.array(z.string()).optional(),
  /** May be left empty; the feature then becomes NaN (trees route it, linear models impute the mean). */
  optional: z.boolean(),
  /**
   * reading: a current raw-water reading; previous: the same reading at the previous report;
   * context: plant, time; dose: the applied dose (only the settled-turbidity head uses it).
   */
  role: z.enum(['reading', 'previous', 'context', 'dose']),
});
export type InputSpec = z.infer<typeof inputSpecSchema>;

/** How one model column is derived from the inputs. */
export const featureTransformSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('identity') }),
  z.object({ kind: z.literal('log1p') }),
  /** log1p(current) − log1p(previous): relative change since the previous report. */
  z.object({ kind: z.literal('log1pDelta'), previous: z.string() }),
  /** current / reference[group]: level relative to the group's training median (unit-free). */
  z.object({
    kind: z.literal('groupRatio'),
    group: z.string(),
    reference: z.record(z.string(), z.number().positive()),
  }),
  /** sin/cos of the wall-clock month (period 12) or hour of day (period 24). */
  z.object({
    kind: z.literal('cyclic'),
    period: z.enum(['month', 'hourOfDay']),
    part: z.enum(['sin', 'cos']),
  }),
  /** Hours between this input (datetime) and another datetime input, e.g. since the previous report. */
  z.object({ kind: z.literal('hoursSince'), previous: z.string() }),
  z.object({ kind: z.literal('oneHot'), category: z.string() }),
]);
export type FeatureTransform = z.infer<typeof featureTransformSchema>;

export const featureSpecSchema = z.object({
  name: z.string().min(1),
  input: z.string(),
  transform: featureTransformSchema,
  /**
   * When set, the derived value is clamped into this range (the training range) before
   * standardising: used for the date, so linear and MLP members read a future date as "the latest
   * regime seen" instead of extrapolating a trend.
   */
  clip: range.optional(),
  /**
   * Only tree members read this column (e.g. the date: trees treat a later date as the latest
   * regime; a linear model or an MLP would fit a trend or memorise past regimes).
   */
  treesOnly: z.boolean().optional(),
  /**
   * Known direction of the effect, enforced in training: the ensemble's output never moves the
   * other way as this feature grows (e.g. settled turbidity against the applied dose). Tree
   * members are constrained; members that cannot be (ridge, MLP) do not read the column.
   */
  monotone: z.enum(['increasing', 'decreasing']).optional(),
  /** Standardisation from training folds only: z = (value − mean) / std. */
  mean: z.number(),
  std: z.number().positive(),
});
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

export const targetSpecSchema = z.object({
  id: z.string(),
  label: localisedText,
  unit: z.string(),
  physicalRange: range,
  /** Models learn the transformed target; the engine applies the inverse. */
  transform: z.enum(['identity', 'log1p']),
});
export type TargetSpec = z.infer<typeof targetSpecSchema>;

const fileRef = z.string().regex(/^[A-Za-z0-9_./-]+$/);

export const memberSpecSchema = z.discriminatedUnion('format', [
  z.object({
    id: z.string(),
    kind: z.enum(['ridge', 'mlp']),
    format: z.literal('tfjs-layers'),
    /** model.json of a TF.js LayersModel; its weight shards are listed in `files` too. */
    modelFile: fileRef,
    /** Indices into the head's features this member reads, in order; absent = all. */
    columns: z.array(z.number().int().nonnegative()).optional(),
    weight: z.number().min(0),
    hyperparameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  }),
  z.object({
    id: z.string(),
    kind: z.enum(['gbdt', 'randomForest']),
    format: z.literal('flat-forest'),
    forestFile: fileRef,
    columns: z.array(z.number().int().nonnegative()).optional(),
    weight: z.number().min(0),
    hyperparameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  }),
]);
export type MemberSpec = z.infer<typeof memberSpecSchema>;

export const metricsRowSchema = z.object({
  model: z.string(),
  scope: z.string(),
  n: z.number().int().nonnegative(),
  mae: z.number(),
  rmse: z.number(),
  r2: z.number(),
  mape: z.number(),
  coverage: z.number().nullable(),
});
export type MetricsRow = z.infer<typeof metricsRowSchema>;

export const noveltySchema = z.object({
  /** Feature names (a subset of the head's features) the distance is computed on. */
  features: z.array(z.string()),
  mean: z.array(z.number()),
  /** Row-major precision matrix (inverse shrunk covariance), [p, p]. */
  precision: z.array(z.number()),
  /** Squared Mahalanobis distance above which the input is called novel (training quantile). */
  threshold: z.number().positive(),
  thresholdQuantile: z.number(),
});
export type NoveltySpec = z.infer<typeof noveltySchema>;

export const headSpecSchema = z.object({
  target: targetSpecSchema,
  features: z.array(featureSpecSchema).min(1),
  members: z.array(memberSpecSchema).min(1),
  stacking: z.object({ intercept: z.number() }),
  /** Split-conformal half-width on the transformed target scale, for 1 − alpha coverage. */
  conformal: z.object({ alpha: z.number().gt(0).lt(1), quantile: z.number().nonnegative() }),
  novelty: noveltySchema,
  metrics: z.array(metricsRowSchema),
});
export type HeadSpec = z.infer<typeof headSpecSchema>;

export const packManifestSchema = z.object({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: localisedText,
  createdAt: z.iso.datetime(),
  seed: z.number().int(),
  dataSource: z.object({
    name: z.string(),
    url: z.string(),
    licence: z.string(),
    attribution: z.string(),
    rows: z.number().int().nonnegative(),
    firstDate: z.string(),
    lastDate: z.string(),
  }),
  split: z.object({
    trainEnd: z.string(),
    calibrationEnd: z.string(),
    testStart: z.string(),
    description: z.string(),
  }),
  inputs: z.array(inputSpecSchema).min(1),
  heads: z.object({
    dose: headSpecSchema,
    settled: headSpecSchema.optional(),
  }),
  cleaning: z.array(z.object({ rule: z.string(), removed: z.number().int(), detail: z.string() })),
  /** Every file of the pack other than the manifest itself, with its sha256 (hex). */
  files: z
    .array(
      z.object({
        path: fileRef,
        bytes: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1),
});
export type PackManifest = z.infer<typeof packManifestSchema>;

/** Result of validating an untrusted manifest: never throws. */
export type ManifestCheck =
  | { ok: true; manifest: PackManifest }
  | { ok: false; reason: 'unknown-schema-version' | 'invalid-manifest'; detail: string };

/** String() throws on e.g. JSON `{"toString": 1}` or a null-prototype object: name the type. */
function describeVersion(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object' || typeof v === 'function')
    return Array.isArray(v) ? 'array' : typeof v;
  return String(v);
}

export function checkManifest(raw: unknown): ManifestCheck {
  if (
    typeof raw === 'object' &&
    raw !== null &&
    'schemaVersion' in raw &&
    (raw as { schemaVersion: unknown }).schemaVersion !== PACK_SCHEMA_VERSION
  ) {
    return {
      ok: false,
      reason: 'unknown-schema-version',
      detail: `schemaVersion ${describeVersion((raw as { schemaVersion: unknown }).schemaVersion)} (this app reads ${PACK_SCHEMA_VERSION})`,
    };
  }
  const parsed = packManifestSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: 'invalid-manifest', detail: z.prettifyError(parsed.error) };
  }
  return { ok: true, manifest: parsed.data };
}
