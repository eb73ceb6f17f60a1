import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { prepareChartMeasurement } from '../../../components/chart-measurement';
import type { BoxPlotStats, ColumnSummary, Histogram } from '../../../data/analysis/describe';
import { numericColumns } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { CHART } from '../charts/theme';
import { useWidth } from '../charts/use-width';
import { analysis } from '../lib/analysis';
import { downloadCsv, fileStem } from '../lib/download';
import { formatCount, formatValue, formatFixed, langOf, type Lang } from '../lib/format';
import { measurementColumns } from '../lib/columns';
import { useAsync } from '../lib/use-async';
import { Busy, Facts, Notice, Segmented, SelectField } from '../ui';
import { niceTicks } from '../charts/ticks';

prepareChartMeasurement();

const STATS = [
  'count',
  'missingPct',
  'mean',
  'sd',
  'min',
  'p5',
  'p25',
  'median',
  'p75',
  'p95',
  'max',
  'skewness',
] as const;
type Stat = (typeof STATS)[number];

/**
 * Rows drawn in the table. A file may have up to 10,000 columns: 140,000 cells took the tab over
 * 3 s to lay out (issue #8, hostile corpus), so the rest are left to the CSV download.
 */
const MAX_TABLE_ROWS = 200;

function statText(s: ColumnSummary, stat: Stat, lang: Lang): string {
  if (stat === 'count') return formatCount(s.count, lang);
  if (stat === 'missingPct') return formatFixed(s.missingPct, lang, 1);
  if (stat === 'skewness') return formatFixed(s.skewness, lang, 2);
  return formatValue(s[stat], lang, 4);
}

/** pandas' describe(), wider: one row per numeric column, then histogram and box plot of one. */
export default function DescribeView({ dataset }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const table = dataset.table;
  const numeric = numericColumns(table);
  const [column, setColumn] = useState<string>(measurementColumns(table)[0]?.name ?? '');
  const [scale, setScale] = useState<'linear' | 'log'>('linear');
  const summary = useAsync(`describe:${dataset.version}`, async () =>
    (await analysis()).describeTable(table),
  );
  const values = numeric.find((c) => c.name === column)?.values;
  const dist = useAsync(values ? `dist:${dataset.version}:${column}:${scale}` : null, async () => {
    const client = await analysis();
    const v = values as Float64Array;
    // Log scale: log10 of the positive values (zeros and negatives cannot be drawn on it).
    const shown = scale === 'log' ? v.map((x) => (x > 0 ? Math.log10(x) : NaN)) : v;
    const [hist, box] = await Promise.all([client.histogram(shown), client.boxPlotStats(v)]);
    let left = 0;
    if (scale === 'log') for (const x of v) if (x <= 0) left++;
    return { hist, box, log: scale === 'log', left };
  });

  if (numeric.length === 0) return <Notice>{t('explore.common.noNumeric')}</Notice>;

  const exportCsv = (rows: ColumnSummary[]) =>
    downloadCsv(
      `${fileStem(dataset.meta.name)}-descriptiva.csv`,
      [
        t('explore.common.column'),
        t('explore.common.unit'),
        ...STATS.map((s) => t(`explore.describe.${s}`)),
      ],
      rows.map((r) => [r.column, r.unit ?? '', ...STATS.map((s) => r[s])]),
      lang,
    );

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.describe.heading')}</h3>
        {summary.status === 'done' ? <CsvButton onClick={() => exportCsv(summary.value)} /> : null}
      </div>
      {summary.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {summary.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {summary.status === 'done' ? (
        <div
          className="xp-table-scroll"
          tabIndex={0}
          role="region"
          aria-label={t('explore.describe.heading')}
        >
          <table className="xp-table xp-table-compact xp-describe">
            <thead>
              <tr>
                <th scope="col">{t('explore.common.column')}</th>
                <th scope="col">{t('explore.common.unit')}</th>
                {STATS.map((s) => (
                  <th key={s} scope="col" className="num">
                    {t(`explore.describe.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.value.slice(0, MAX_TABLE_ROWS).map((row) => (
                <tr
                  key={row.column}
                  className={row.column === column ? 'xp-row-selected' : undefined}
                >
                  <th scope="row" data-no-i18n>
                    <button
                      type="button"
                      className="xp-link-button"
                      aria-pressed={row.column === column}
                      onClick={() => setColumn(row.column)}
                    >
                      {row.column}
                    </button>
                  </th>
                  <td data-no-i18n>{row.unit ?? ''}</td>
                  {STATS.map((s) => (
                    <td
                      key={s}
                      className={`num${s === 'missingPct' && row.missingPct > 20 ? ' xp-cell-warning' : ''}`}
                      data-no-i18n
                    >
                      {statText(row, s, lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {summary.status === 'done' && summary.value.length > MAX_TABLE_ROWS ? (
        <p className="xp-muted" data-no-i18n>
          {t('explore.describe.rowsCapped', {
            shown: formatCount(MAX_TABLE_ROWS, lang),
            total: formatCount(summary.value.length, lang),
          })}
        </p>
      ) : null}

      <div className="xp-row">
        <SelectField
          label={t('explore.describe.pickColumn')}
          value={column}
          onChange={setColumn}
          options={numeric.map((c) => ({ value: c.name, label: c.name, data: true }))}
        />
        <Segmented
          label={t('explore.describe.scale')}
          value={scale}
          onChange={setScale}
          options={[
            { value: 'linear', label: t('explore.describe.scaleLinear') },
            { value: 'log', label: t('explore.describe.scaleLog') },
          ]}
        />
      </div>
      {dist.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {dist.status === 'done' ? (
        <div className="xp-two-charts">
          <HistogramChart
            hist={dist.value.hist}
            log={dist.value.log}
            left={dist.value.left}
            column={column}
            datasetName={dataset.meta.name}
          />
          <BoxPlotChart
            box={dist.value.box}
            log={dist.value.log}
            column={column}
            datasetName={dataset.meta.name}
          />
        </div>
      ) : null}
    </div>
  );
}

function HistogramChart({
  hist,
  log,
  left,
  column,
  datasetName,
}: {
  hist: Histogram;
  log: boolean;
  left: number;
  column: string;
  datasetName: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [ref, width] = useWidth<HTMLDivElement>();
  const lo = hist.edges[0] as number;
  const hi = hist.edges[hist.edges.length - 1] as number;
  // Log scale: ticks at whole powers of ten; linear: round numbers inside the range.
  const xTicks = log
    ? niceTicks(Math.floor(lo), Math.ceil(hi), 6).filter(
        (e) => Number.isInteger(e) && e >= lo && e <= hi,
      )
    : niceTicks(lo, hi, 6).filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);
  const plotWidth = Math.max(1, width - 56 - 20);
  const barSize = Math.max(1, Math.floor(plotWidth / Math.max(1, hist.counts.length)) - 1);
  const data = Array.from(hist.counts, (c, i) => ({
    x: ((hist.edges[i] as number) + (hist.edges[i + 1] as number)) / 2,
    lo: hist.edges[i] as number,
    hi: hist.edges[i + 1] as number,
    count: c,
  }));
  return (
    <ChartFrame
      title={t('explore.describe.histogram')}
      fileName={`${datasetName}-${column}`}
      caption={
        log && left > 0 ? (
          <p className="xp-small">
            <span>{t('explore.describe.logLeftOut')}</span>{' '}
            <span data-no-i18n>{formatCount(left, lang)}</span>
          </p>
        ) : undefined
      }
    >
      <p className="xp-chart-subtitle">
        {column} · n = {formatCount(hist.n, lang)}
      </p>
      <div ref={ref} className="xp-chart-canvas">
        {width > 0 ? (
          <BarChart
            width={width}
            height={260}
            data={data}
            barGap={0}
            margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          >
            <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="x"
              type="number"
              domain={[lo, hi]}
              ticks={xTicks}
              allowDataOverflow
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatValue(log ? 10 ** v : v, lang, 3)}
            />
            <YAxis
              width={56}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              allowDecimals={false}
              tickFormatter={(v: number) => formatCount(v, lang)}
              label={{
                value: t('explore.describe.frequency'),
                angle: -90,
                position: 'insideLeft',
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }}
            />
            <Bar
              dataKey="count"
              fill={CHART.lineSecondary}
              barSize={barSize}
              isAnimationActive={false}
            />
          </BarChart>
        ) : null}
      </div>
    </ChartFrame>
  );
}

/** A horizontal box plot drawn as plain SVG (whiskers at the last value inside 1.5 × IQR). */
function BoxPlotChart({
  box,
  log,
  column,
  datasetName,
}: {
  box: BoxPlotStats;
  log: boolean;
  column: string;
  datasetName: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [ref, width] = useWidth<HTMLDivElement>();
  const h = 130;
  const pad = 28;
  // On a log axis, values ≤ 0 sit at the smallest positive value drawn.
  const floor = log
    ? Math.max(1e-6, Math.min(...[box.q1, box.median, box.whiskerLow].filter((v) => v > 0)))
    : 0;
  const f = (v: number) => (log ? Math.log10(Math.max(v, floor)) : v);
  const lo = f(box.min);
  const hi = f(box.max);
  const span = hi - lo || 1;
  const x = (v: number) => pad + ((f(v) - lo) / span) * Math.max(width - 2 * pad, 1);
  const mid = 48;
  const ticks = log
    ? niceTicks(Math.floor(lo), Math.ceil(hi), 6)
        .filter((e) => Number.isInteger(e))
        .map((e) => 10 ** e)
        .filter((v) => f(v) >= lo - 1e-9 && f(v) <= hi + 1e-9)
    : niceTicks(box.min, box.max, 6).filter((v) => v >= box.min - 1e-9 && v <= box.max + 1e-9);
  return (
    <ChartFrame
      title={t('explore.describe.boxPlot')}
      fileName={`${datasetName}-${column}`}
      caption={
        <>
          <Facts
            className="xp-facts-inline"
            items={[
              { label: t('explore.describe.min'), value: formatValue(box.min, lang, 4) },
              { label: t('explore.describe.p25'), value: formatValue(box.q1, lang, 4) },
              { label: t('explore.describe.median'), value: formatValue(box.median, lang, 4) },
              { label: t('explore.describe.p75'), value: formatValue(box.q3, lang, 4) },
              { label: t('explore.describe.max'), value: formatValue(box.max, lang, 4) },
              {
                label: t('explore.describe.outliersLow'),
                value: formatCount(box.outliersLow, lang),
              },
              {
                label: t('explore.describe.outliersHigh'),
                value: formatCount(box.outliersHigh, lang),
              },
            ]}
          />
          <p className="xp-small xp-muted">{t('explore.describe.boxNote')}</p>
        </>
      }
    >
      <p className="xp-chart-subtitle">{column}</p>
      <div ref={ref} className="xp-chart-canvas">
        {width > 0 && box.n > 0 ? (
          <svg width={width} height={h} role="img" aria-label={t('explore.describe.boxPlot')}>
            <line x1={pad} x2={width - pad} y1={h - 34} y2={h - 34} stroke={CHART.axis} />
            {ticks.map((v) => (
              <g key={v}>
                <line x1={x(v)} x2={x(v)} y1={h - 34} y2={h - 28} stroke={CHART.axis} />
                <text
                  x={x(v)}
                  y={h - 12}
                  fontSize={CHART.fontSize}
                  fill={CHART.axis}
                  textAnchor="middle"
                >
                  {formatValue(v, lang, 3)}
                </text>
              </g>
            ))}
            <line x1={x(box.whiskerLow)} x2={x(box.q1)} y1={mid} y2={mid} stroke={CHART.line} />
            <line x1={x(box.q3)} x2={x(box.whiskerHigh)} y1={mid} y2={mid} stroke={CHART.line} />
            <line
              x1={x(box.whiskerLow)}
              x2={x(box.whiskerLow)}
              y1={mid - 12}
              y2={mid + 12}
              stroke={CHART.line}
            />
            <line
              x1={x(box.whiskerHigh)}
              x2={x(box.whiskerHigh)}
              y1={mid - 12}
              y2={mid + 12}
              stroke={CHART.line}
            />
            <rect
              x={x(box.q1)}
              y={mid - 22}
              width={Math.max(x(box.q3) - x(box.q1), 1)}
              height={44}
              fill={CHART.band}
              stroke={CHART.line}
            />
            <line
              x1={x(box.median)}
              x2={x(box.median)}
              y1={mid - 22}
              y2={mid + 22}
              stroke={CHART.text}
              strokeWidth={3}
            />
            {box.outliersLow > 0 ? (
              <circle
                cx={x(box.min)}
                cy={mid}
                r={4}
                fill="none"
                stroke={CHART.warning}
                strokeWidth={2}
              />
            ) : null}
            {box.outliersHigh > 0 ? (
              <circle
                cx={x(box.max)}
                cy={mid}
                r={4}
                fill="none"
                stroke={CHART.warning}
                strokeWidth={2}
              />
            ) : null}
          </svg>
        ) : null}
      </div>
    </ChartFrame>
  );
}
