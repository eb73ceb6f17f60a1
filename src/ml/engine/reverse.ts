import type { ReverseResult } from './engine-api';
import {
  REVERSE_BISECTION_STEPS,
  REVERSE_GRID_POINTS,
  REVERSE_WEAK_EFFECT_SHARE,
} from './thresholds';

/**
 * Reverse mode: the least applied dose whose forecast settled turbidity is at or below a target.
 *
 * Packs trained here constrain the settled head to fall with the dose (see pack-manifest.ts,
 * `monotone`), but a pack from elsewhere need not, and trees are step functions. So the search does
 * not assume monotonicity: it scans a fine grid over [min, max] for the first grid
 * point that meets the target, then bisects between it and the grid point before it (which does
 * not meet it), keeping that invariant, so the answer always meets the target. A dip narrower
 * than one grid step (max / (gridPoints − 1)) can be missed; the answer is the least dose at
 * grid resolution, refined to about (max − min) / (gridPoints · 2^steps).
 *
 * min defaults to 0; the engine passes the training p1 of the applied dose, because below the
 * doses operators ever used the learned curve is an extrapolation (on AguaClara it even forecasts
 * clearer water at 0 mg/L than at the usual dose — confounding, not chemistry).
 */
export type SettledAt = (doses: readonly number[]) => Promise<Float64Array>;

export async function leastDoseForTarget(
  settledAt: SettledAt,
  target: number,
  max: number,
  options: { gridPoints?: number; steps?: number; min?: number } = {},
): Promise<ReverseResult> {
  if (!Number.isFinite(target) || target < 0)
    throw new RangeError(`reverse: target must be a non-negative number, got ${target}`);
  const min = Math.max(0, options.min ?? 0);
  if (!(max > min)) throw new RangeError(`reverse: dose range [${min}, ${max}] is empty`);
  const nGrid = Math.max(2, options.gridPoints ?? REVERSE_GRID_POINTS);
  const steps = options.steps ?? REVERSE_BISECTION_STEPS;
  const grid = Array.from({ length: nGrid }, (_, i) => min + ((max - min) * i) / (nGrid - 1));
  const s = await settledAt(grid);
  const searched: [number, number] = [min, max];
  const settledRange: [number, number] = [s[0] as number, s[nGrid - 1] as number];
  const weakEffect =
    settledRange[0] - settledRange[1] < REVERSE_WEAK_EFFECT_SHARE * settledRange[0];
  const first = grid.findIndex((_, i) => (s[i] as number) <= target);
  if (first < 0)
    return {
      dose: null,
      target,
      searched,
      settledAtDose: s[nGrid - 1] as number,
      settledRange,
      weakEffect,
    };
  if (first === 0)
    return { dose: min, target, searched, settledAtDose: s[0] as number, settledRange, weakEffect };
  let lo = grid[first - 1] as number; // does not meet the target
  let hi = grid[first] as number; // meets it
  let atHi = s[first] as number;
  for (let i = 0; i < steps && hi - lo > 1e-9 * (max - min); i++) {
    const mid = (lo + hi) / 2;
    const v = (await settledAt([mid]))[0] as number;
    if (v <= target) {
      hi = mid;
      atHi = v;
    } else lo = mid;
  }
  return { dose: hi, target, searched, settledAtDose: atHi, settledRange, weakEffect };
}
