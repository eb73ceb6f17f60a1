/**
 * Codes that appear in manifests (member kinds, cleaning rules, metric-row model names), and which
 * of them the UI has a translation for. Anything else is shown as data, as written.
 */
export const MEMBER_KINDS = ['ridge', 'randomForest', 'gbdt', 'mlp'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export function isMemberKind(v: string): v is MemberKind {
  return (MEMBER_KINDS as readonly string[]).includes(v);
}

export const CLEANING_RULES = [
  'missing-time',
  'missing-target',
  'target-outside-physical-range',
  'missing-group',
  'unparseable-date',
  'test-plant',
  'duplicate-submission',
  'negative-value',
  'flow-unit-corrected',
  'flow-implausible',
  'missing-dose',
  'zero-dose-while-running',
  'missing-raw-turbidity',
  'plant-too-few-rows',
  'sorted-by-time',
] as const;
export type CleaningRule = (typeof CLEANING_RULES)[number];

export function isCleaningRule(v: string): v is CleaningRule {
  return (CLEANING_RULES as readonly string[]).includes(v);
}

export const KNOWN_QUANTITIES = [
  'turbidity',
  'colour',
  'ph',
  'conductivity',
  'temperature',
  'flow',
  'rain',
  'dose',
] as const;
export type KnownQuantity = (typeof KNOWN_QUANTITIES)[number];

export function isKnownQuantity(v: string | null | undefined): v is KnownQuantity {
  return v !== null && v !== undefined && (KNOWN_QUANTITIES as readonly string[]).includes(v);
}

/** What a metrics row's `model` string names. */
export type ModelName =
  | { kind: 'baselineMedian' | 'baselinePersistence' | 'baselineRidge' | 'ensemble' }
  | { kind: 'member'; member: string }
  | { kind: 'other'; text: string };

export function modelName(model: string): ModelName {
  if (model === 'ensemble') return { kind: 'ensemble' };
  if (model === 'baseline: plant median') return { kind: 'baselineMedian' };
  if (model === 'baseline: persistence') return { kind: 'baselinePersistence' };
  if (model.startsWith('baseline: ridge')) return { kind: 'baselineRidge' };
  if (model.startsWith('member: ')) return { kind: 'member', member: model.slice(8) };
  return { kind: 'other', text: model };
}

export const PERSISTENCE = 'baseline: persistence';
export const ENSEMBLE = 'ensemble';

/** The data source says its data are invented (the synthetic basin, or a pack trained on it). */
export function isSyntheticSource(source: { name: string; attribution: string }): boolean {
  return /synthetic|sint[eé]tic/i.test(`${source.name} ${source.attribution}`);
}
