import type { UnfittedFeature } from '../preprocessing';

/**
 * Features every pack derives from the report time, for any plant: hours since the group's
 * previous report, month and hour of day as sin/cos (no jump at December → January or midnight),
 * and the date itself for the tree members only. Operating practice drifts over the years;
 * clipped to the training range, a future date reads as "the latest regime seen" rather than a
 * trend to extrapolate. Inputs: `time` and its carried `prev_time` (epoch ms).
 */
export function timeContextFeatures(): UnfittedFeature[] {
  return [
    {
      name: 'hours_since_previous',
      input: 'time',
      transform: { kind: 'hoursSince', previous: 'prev_time' },
      clipToTraining: true,
    },
    {
      name: 'month_sin',
      input: 'time',
      transform: { kind: 'cyclic', period: 'month', part: 'sin' },
    },
    {
      name: 'month_cos',
      input: 'time',
      transform: { kind: 'cyclic', period: 'month', part: 'cos' },
    },
    {
      name: 'hour_sin',
      input: 'time',
      transform: { kind: 'cyclic', period: 'hourOfDay', part: 'sin' },
    },
    {
      name: 'hour_cos',
      input: 'time',
      transform: { kind: 'cyclic', period: 'hourOfDay', part: 'cos' },
    },
    {
      name: 'date',
      input: 'time',
      transform: { kind: 'identity' },
      clipToTraining: true,
      treesOnly: true,
    },
  ];
}
