import { lttbThreshold } from '../../../data/analysis/lttb';
import { analysis } from '../lib/analysis';
import { indexRange } from '../lib/time-axis';

export interface Downsampled {
  t: Float64Array;
  v: Float64Array;
  /** Index into the full arrays of each drawn point (a gap marker: its first missing point). */
  index: Int32Array;
  /** Points drawn and points in the range. */
  drawn: number;
  total: number;
}

/**
 * The points of (t, v) inside [t0, t1], reduced by LTTB (in the analysis worker) to about two
 * per pixel of `width`. The raw arrays are never changed; only the slice is sent to the worker.
 */
export async function downsample(
  t: Float64Array,
  v: Float64Array,
  t0: number,
  t1: number,
  width: number,
): Promise<Downsampled> {
  const [from, to] = indexRange(t, t0, t1);
  const ts = t.slice(from, to);
  const vs = v.slice(from, to);
  const threshold = lttbThreshold(width);
  if (ts.length <= threshold) {
    const index = Int32Array.from({ length: ts.length }, (_, i) => from + i);
    return { t: ts, v: vs, index, drawn: ts.length, total: ts.length };
  }
  const d = await (await analysis()).lttb(ts, vs, threshold);
  const index = Int32Array.from(d.index, (i) => from + i);
  return { t: d.x, v: d.y, index, drawn: d.x.length, total: ts.length };
}
