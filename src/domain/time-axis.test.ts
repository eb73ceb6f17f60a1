import { describe, expect, it } from 'vitest';
import { checkTimeAxis, timeOrder } from './time-axis';

describe('time axis checks', () => {
  it('counts rows out of order and repeated times, ignoring missing times', () => {
    const t = Float64Array.from([3, 1, Number.NaN, 2, 2, 5]);
    expect(checkTimeAxis(t)).toEqual({
      valid: 5,
      outOfOrder: 1,
      duplicates: 1,
      firstDuplicate: 2,
    });
    expect(timeOrder(t)).toEqual([1, 3, 4, 0, 5]);
  });

  it('is per group: the same time in two plants is no repeat, each plant in order is sorted', () => {
    const t = Float64Array.from([1, 2, 3, 1, 2, 3]);
    const group = (i: number) => (i < 3 ? 'A' : 'B');
    expect(checkTimeAxis(t, group)).toMatchObject({ outOfOrder: 0, duplicates: 0 });
    expect(checkTimeAxis(t)).toMatchObject({ outOfOrder: 1, duplicates: 3, firstDuplicate: 1 });
    expect(timeOrder(t, (i) => (i % 2 ? 'B' : 'A'))).toEqual([0, 4, 2, 3, 1, 5]);
  });

  it('keeps a sorted table in its row order (stable)', () => {
    const t = Float64Array.from({ length: 50 }, (_, i) => i * 10);
    expect(timeOrder(t)).toEqual([...Array(50).keys()]);
    expect(checkTimeAxis(t)).toEqual({
      valid: 50,
      outOfOrder: 0,
      duplicates: 0,
      firstDuplicate: null,
    });
  });
});
