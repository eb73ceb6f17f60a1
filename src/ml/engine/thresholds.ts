/**
 * Every threshold the engine uses to warn or to demand a jar test, in one place, so the UI can
 * show them and the model card can cite them. Values were chosen on the shipped AguaClara packs
 * (golden rows = held-out reports); see each comment for the reasoning.
 */

/**
 * Jar-test margin around the training p1–p99 band, as a fraction of the band's width.
 * A value outside the manifest's `trainingRange` is always warned ('outside-training-range');
 * the warning also demands a jar test when the value lies beyond [p1 − m, p99 + m] with
 * m = JAR_TEST_BAND_MARGIN × (p99 − p1). For inputs the model reads on a log scale (any input a
 * head feeds through log1p / log1pDelta, e.g. turbidity and doses) the band and the margin are
 * measured in log1p units, so "10 % wider" means a factor, not NTU.
 * On the shipped pack: raw turbidity above ≈ 633 NTU (p99 = 363 NTU, training max 1056 NTU) demands
 * a jar test; a reading of 0.1 NTU (below the 0.2 NTU training minimum) only warns.
 */
export const JAR_TEST_BAND_MARGIN = 0.1;

/**
 * Members disagree when (max − min) of the positive-weight members' doses exceeds this fraction
 * of the ensemble dose ("the members' spread is as wide as the dose itself"). On the shipped packs'
 * 200 golden (held-out) rows the ratio has median 0.2–0.3 and p95 ≈ 0.75; 1.0 flags 2–3 of them.
 * With novelty and the range band, 2–2.5 % of those rows demand a jar test.
 */
export const MEMBERS_DISAGREE_RATIO = 1.0;

/**
 * ...and the spread must also be at least this many target units (mg/L): at tiny doses a large
 * ratio is a small absolute difference (0.1 vs 0.4 mg/L) that no operator would act on.
 */
export const MEMBERS_DISAGREE_MIN_SPREAD = 0.5;

/**
 * Sensor rate of change: a reading that changed by more than this factor between the last
 * report in `recent` and the current one, computed as (max + c) / (min + c) with c the input's
 * training p5 (so 0.1 → 1.2 NTU is not a "×12 jump"). Storm onsets can legitimately do this;
 * the warning asks the operator to confirm the reading, it does not by itself demand a jar test.
 */
export const SENSOR_JUMP_FACTOR = 10;

/**
 * Sensor flatline: the current reading and the previous (N − 1) reports in `recent` are exactly
 * identical. Turbidity read to two decimals repeating six times is far likelier a stuck sensor
 * or a copied cell than real water.
 */
export const SENSOR_FLATLINE_REPORTS = 6;

/**
 * Reading quantities exempt from the flatline check: flow is a set-point, and pH and temperature
 * vary so slowly that six equal readings at display resolution (7.2, 7.2, …) are normal.
 */
export const FLATLINE_EXEMPT_QUANTITIES: readonly string[] = ['flow', 'ph', 'temperature'];

/** Which warnings demand a jar test on their own (outside-training-range: only beyond the margin). */
export const JAR_TEST_WARNINGS = {
  'outside-training-range': 'beyond-margin',
  'novel-combination': true,
  'members-disagree': true,
  'sensor-rate-of-change': false,
  'sensor-flatline': false,
} as const;

/** Default backend-initialisation timeout (ms): setBackend can hang rather than reject. */
export const BACKEND_TIMEOUT_MS = 10_000;

/** Points in a what-if curve unless the caller asks otherwise. */
export const WHAT_IF_POINTS = 41;

/** Reverse mode: grid points over [0, dose p99] before bisection, and bisection steps. */
export const REVERSE_GRID_POINTS = 101;
export const REVERSE_BISECTION_STEPS = 24;
/**
 * Reverse mode calls the learned dose effect weak when the whole searched dose range moves the
 * settled forecast by less than this share of its value at the lowest dose. On AguaClara (a
 * constrained head on confounded data) the range 0.8–25 mg/L moves it by about 3 % for a typical reading: the screen
 * then says the dose cannot be read off the model, and asks for a jar test.
 */
export const REVERSE_WEAK_EFFECT_SHARE = 0.1;

/** Explain: at most this many golden rows (evenly spread) as the Shapley background. */
export const SHAPLEY_BACKGROUND_ROWS = 32;

/** Batch: rows per chunk sent to the worker (progress and cancel granularity). */
export const BATCH_CHUNK_ROWS = 5_000;

/** Batch: at most this many workers (one per logical core below that). */
export const BATCH_MAX_WORKERS = 4;
