/**
 * Chart colours: ISA-101 calm greys for normal data; colour only for flagged or abnormal points
 * (the same values as --alarm and --warning in src/app/styles/tokens.css). Concrete hex values,
 * not CSS variables: SVG attributes do not resolve var(), and exported PNGs need real colours.
 */
export const CHART = {
  line: '#3b4147',
  lineSecondary: '#8c939b',
  lineFaint: '#bfc4ca',
  band: '#d8dbdf',
  grid: '#d8dbdf',
  axis: '#50575e',
  text: '#1b1e21',
  alarm: '#b3001b',
  warning: '#c79a00',
  warningFill: '#f2c200',
  gapFill: '#e9ebed',
  fontSize: 13,
} as const;

/** Dash patterns that tell series apart without colour. */
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '12 4'] as const;

/** Greys for several series in one chart, darkest first. */
export const SERIES_GREYS = ['#1b1e21', '#50575e', '#8c939b', '#3b4147', '#6f767d'] as const;
