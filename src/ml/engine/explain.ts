import type { InputRecord, InputValue } from '../../domain/input-record';
import type { HeadSpec, InputSpec, PackManifest } from '../../domain/pack-manifest';
import type { Explanation, WhatIfCurve } from './engine-api';
import { headInputIds, logScaleInputIds } from './validate';

/**
 * Explanations of the dose head, model-agnostic (the head is a black box `f`: records → mg/L).
 *
 * Shapley values are exact: with k players every one of the 2^k coalitions is evaluated, each
 * against every background row (interventional Shapley: players outside the coalition take the
 * background row's values), so the contributions sum to f(record) − mean_b f(b) up to rounding.
 *
 * Players are groups of linked inputs, not single inputs. An input that a feature reads as the
 * `previous` of another (log1pDelta, hoursSince) joins that input's group: prev_raw_turbidity
 * goes with raw_turbidity, prev_time with time. Splitting them would build impossible rows
 * (today's 500 NTU with the background's previous reading of 8 NTU is a ×60 jump the operator
 * never saw) and credit "change since the previous report" to whichever half moved. A group
 * is reported under its first non-'previous' input; an input whose only link is a category
 * grouping (plant, through the per-plant median ratios) stays its own player.
 */
export interface Player {
  /** Input id the contribution is reported under. */
  id: string;
  /** Every input the player moves together. */
  inputs: string[];
}

/** The Shapley players for a head: its inputs, linked previous/current inputs grouped. */
export function explanationPlayers(manifest: PackManifest, head: HeadSpec): Player[] {
  const used = headInputIds(head);
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  for (const id of used) parent.set(id, id);
  for (const f of head.features) {
    const t = f.transform;
    if (t.kind === 'log1pDelta' || t.kind === 'hoursSince') {
      const a = find(f.input);
      const b = find(t.previous);
      if (a !== b) parent.set(b, a);
    }
  }
  const byId = new Map<string, InputSpec>(manifest.inputs.map((i) => [i.id, i]));
  const groups = new Map<string, string[]>();
  // Manifest order, so players come out in the order the pack declares its inputs.
  const ordered = [...manifest.inputs.map((i) => i.id).filter((id) => used.has(id))];
  for (const id of used) if (!ordered.includes(id)) ordered.push(id);
  for (const id of ordered) {
    const root = find(id);
    const g = groups.get(root) ?? [];
    g.push(id);
    groups.set(root, g);
  }
  return [...groups.values()].map((inputs) => ({
    id: inputs.find((id) => byId.get(id)?.role !== 'previous') ?? (inputs[0] as string),
    inputs,
  }));
}

export type HeadFunction = (records: readonly InputRecord[]) => Promise<Float64Array>;

/** Rows evaluated per call of f, so 2^k × background never builds one huge batch. */
const EVAL_CHUNK = 8_192;

function factorials(k: number): number[] {
  const f = [1];
  for (let i = 1; i <= k; i++) f.push((f[i - 1] as number) * i);
  return f;
}

/**
 * Exact Shapley values of `players` for `record` against `background`, through f.
 * Cost: 2^k × background.length evaluations of f, in chunks.
 */
export async function shapley(
  record: InputRecord,
  players: readonly Player[],
  background: readonly InputRecord[],
  f: HeadFunction,
): Promise<Explanation> {
  const k = players.length;
  if (k > 16) throw new RangeError(`shapley: ${k} players is too many to enumerate`);
  if (background.length === 0) throw new RangeError('shapley: empty background');
  const nS = 1 << k;
  const B = background.length;
  const v = new Float64Array(nS);
  const rowFor = (mask: number, b: InputRecord): InputRecord => {
    const rec: Record<string, InputValue> = { ...record };
    players.forEach((pl, i) => {
      if ((mask & (1 << i)) === 0) for (const id of pl.inputs) rec[id] = b[id] ?? null;
    });
    return rec;
  };
  const total = nS * B;
  for (let start = 0; start < total; start += EVAL_CHUNK) {
    const end = Math.min(total, start + EVAL_CHUNK);
    const rows: InputRecord[] = [];
    for (let r = start; r < end; r++) rows.push(rowFor(Math.floor(r / B), background[r % B]!));
    const out = await f(rows);
    for (let r = start; r < end; r++) {
      const mask = Math.floor(r / B);
      v[mask] = (v[mask] as number) + (out[r - start] as number) / B;
    }
  }
  const fact = factorials(k);
  const contributions = players.map((pl, i) => {
    const bit = 1 << i;
    let phi = 0;
    for (let mask = 0; mask < nS; mask++) {
      if (mask & bit) continue;
      let size = 0;
      for (let m = mask; m; m &= m - 1) size++;
      const w = ((fact[size] as number) * (fact[k - size - 1] as number)) / (fact[k] as number);
      phi += w * ((v[mask | bit] as number) - (v[mask] as number));
    }
    return { input: pl.id, value: phi };
  });
  return { reference: v[0] as number, dose: v[nS - 1] as number, contributions };
}

/**
 * Up to `max` rows spread evenly over `rows` (first and last included), for the background.
 * Rows are copied so later edits to the source never change an explanation.
 */
export function evenlySpaced<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(rows[Math.round((i * (rows.length - 1)) / (max - 1))]!);
  return out;
}

/**
 * A background when the pack has no golden rows: numeric inputs at their training median, one
 * row per category value (equal weight); date-times are kept from the record itself, so with
 * this fallback the time player's contribution is 0 by construction.
 */
export function syntheticBackground(
  manifest: PackManifest,
  head: HeadSpec,
  record: InputRecord,
): InputRecord[] {
  const used = headInputIds(head);
  const base: Record<string, InputValue> = { ...record };
  let categories: { id: string; values: string[] } | undefined;
  for (const spec of manifest.inputs) {
    if (!used.has(spec.id)) continue;
    if (spec.kind === 'number') {
      const q = spec.quantiles?.[2];
      const r = spec.trainingRange;
      base[spec.id] = q ?? (r ? (r[0] + r[1]) / 2 : (record[spec.id] ?? null));
    } else if (spec.kind === 'category' && spec.categories && !categories) {
      categories = { id: spec.id, values: spec.categories };
    }
  }
  if (!categories) return [base];
  const { id, values } = categories;
  return values.map((c) => ({ ...base, [id]: c }));
}

/** Swept values for one input: its training p1..p99 (log1p-spaced for log-scale inputs). */
export function whatIfGrid(manifest: PackManifest, inputId: string, points: number): number[] {
  const spec = manifest.inputs.find((i) => i.id === inputId);
  if (!spec) throw new RangeError(`whatIf: no input ${inputId}`);
  if (spec.kind !== 'number') throw new RangeError(`whatIf: ${inputId} is not a number input`);
  const q = spec.quantiles;
  const range: [number, number] | undefined = q
    ? [q[0] as number, q[4] as number]
    : spec.trainingRange;
  if (!range) throw new RangeError(`whatIf: ${inputId} has no training range`);
  const n = Math.max(2, Math.floor(points));
  const log = logScaleInputIds(manifest).has(inputId) && range[0] > -1;
  const [a, b] = log ? [Math.log1p(range[0]), Math.log1p(range[1])] : range;
  return Array.from({ length: n }, (_, i) => {
    const t = a + ((b - a) * i) / (n - 1);
    return log ? Math.expm1(t) : t;
  });
}

/**
 * The dose along one input's grid, every other input held at the record's value. A previous-report
 * reading linked to the swept input (log1pDelta) moves with it so the change since the previous
 * report stays what it is in the record; otherwise the curve would mix the level with a fake jump.
 */
export async function whatIf(
  manifest: PackManifest,
  record: InputRecord,
  inputId: string,
  points: number,
  f: HeadFunction,
): Promise<WhatIfCurve> {
  if (!headInputIds(manifest.heads.dose).has(inputId))
    throw new RangeError(`whatIf: the dose head does not read ${inputId}`);
  const x = whatIfGrid(manifest, inputId, points);
  const current = record[inputId];
  const linked = manifest.heads.dose.features.flatMap((feature) =>
    feature.input === inputId && feature.transform.kind === 'log1pDelta'
      ? [feature.transform.previous]
      : [],
  );
  const rows = x.map((v) => {
    const row: Record<string, InputRecord[string]> = { ...record, [inputId]: v };
    for (const prevId of linked) {
      const prev = record[prevId];
      if (typeof prev === 'number' && typeof current === 'number' && current > -1 && prev > -1) {
        row[prevId] = Math.expm1(Math.log1p(v) - (Math.log1p(current) - Math.log1p(prev)));
      }
    }
    return row;
  });
  const dose = await f(rows);
  return { input: inputId, x, dose: Array.from(dose) };
}
