/**
 * Monotone constraints for the tree learners: per feature +1 (prediction never decreases as the
 * feature grows), −1 (never increases) or 0 (free). Used where physics is known but the data is
 * confounded, e.g. settled turbidity cannot rise because more coagulant was dosed, while
 * operators dose more exactly when the water is hard to treat.
 */
export type Monotone = -1 | 0 | 1;

/** Checks and packs a constraint list; undefined or all-zero gives undefined (the fast path). */
export function monotoneVector(
  who: string,
  monotone: readonly number[] | undefined,
  nFeatures: number,
): Int8Array | undefined {
  if (!monotone) return undefined;
  if (monotone.length !== nFeatures)
    throw new RangeError(`${who}: monotone has ${monotone.length} entries, need ${nFeatures}`);
  for (const m of monotone)
    if (m !== -1 && m !== 0 && m !== 1)
      throw new RangeError(`${who}: monotone entries must be -1, 0 or 1, got ${m}`);
  return monotone.some((m) => m !== 0) ? Int8Array.from(monotone) : undefined;
}

/** `{ monotone }` for the grower's parameters, or nothing when no feature is constrained. */
export function monotoneOption(
  who: string,
  monotone: readonly number[] | undefined,
  nFeatures: number,
): { monotone?: Int8Array } {
  const packed = monotoneVector(who, monotone, nFeatures);
  return packed ? { monotone: packed } : {};
}
