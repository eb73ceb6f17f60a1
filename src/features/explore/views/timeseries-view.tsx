import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Brush, Line, LineChart, XAxis, YAxis } from 'recharts';
import { numericColumns } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame } from '../charts/chart-frame';
import { downsample, type Downsampled } from '../charts/downsample';
import { TimeChart } from '../charts/time-chart';
import { CHART } from '../charts/theme';
import { useWidth } from '../charts/use-width';
import { formatCount, formatTimeTick, langOf } from '../lib/format';
import { measurementColumns } from '../lib/columns';
import { inAxisOrder, timeAxisOf } from '../lib/time-axis';
import { useAsync } from '../lib/use-async';
import { Busy, ColumnChips, Notice } from '../ui';

const DAY = 86_400_000;

/**
 * Chosen columns on one shared time axis, one chart each (units differ), zoomed together with
 * the brush of an overview chart. What is drawn is LTTB-downsampled to ~2 points per pixel of
 * the chart's width, from the raw values inside the zoom range.
 */
export default function TimeseriesView({ dataset, active }: ViewProps) {
  const { t } = useTranslation();
  const table = dataset.table;
  const axis = timeAxisOf(table);
  const numeric = numericColumns(table);
  const [chosen, setChosen] = useState<string[]>(() =>
    measurementColumns(table)
      .slice(0, 3)
      .map((c) => c.name),
  );
  const [range, setRange] = useState<[number, number] | null>(null);
  const [brushKey, setBrushKey] = useState(0);
  const [ref, width] = useWidth<HTMLDivElement>();

  const full: [number, number] | null =
    axis && axis.t.length > 0 ? [axis.t[0] as number, axis.t[axis.t.length - 1] as number] : null;
  const domain = range ?? full;
  const ordered = useMemo(() => {
    const m = new Map<string, Float64Array>();
    if (!axis) return m;
    for (const c of numeric)
      if (chosen.includes(c.name)) m.set(c.name, inAxisOrder(c.values, axis));
    return m;
    // numeric follows table, which `dataset.version` identifies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [axis, dataset.version, chosen]);

  const chartWidth = active ? width : 0;
  const key =
    axis && domain && chartWidth > 0
      ? `ts:${dataset.version}:${chosen.join('|')}:${domain[0]}:${domain[1]}:${chartWidth}`
      : null;
  const drawn = useAsync(key, async () => {
    const out: { name: string; d: Downsampled }[] = [];
    for (const name of chosen) {
      const v = ordered.get(name);
      if (!v || !axis || !domain) continue;
      out.push({ name, d: await downsample(axis.t, v, domain[0], domain[1], chartWidth - 84) });
    }
    return out;
  });

  const overviewName = chosen[0];
  const overviewKey =
    axis && full && overviewName && chartWidth > 0
      ? `ov:${dataset.version}:${overviewName}:${chartWidth}`
      : null;
  const overview = useAsync(overviewKey, async () => {
    const v = ordered.get(overviewName ?? '');
    if (!v || !axis || !full) return [];
    const d = await downsample(axis.t, v, full[0], full[1], chartWidth / 2);
    return Array.from(d.t, (x, i) => ({
      t: x,
      v: Number.isFinite(d.v[i] as number) ? (d.v[i] as number) : null,
    }));
  });

  // Brush moves are frequent: apply the range once the finger rests.
  const [pending, setPending] = useState<[number, number] | null>(null);
  useEffect(() => {
    if (!pending) return;
    const id = setTimeout(() => setRange(pending), 200);
    return () => clearTimeout(id);
  }, [pending]);

  if (!axis) return <Notice>{t('explore.common.needsTime')}</Notice>;
  if (numeric.length === 0) return <Notice>{t('explore.common.noNumeric')}</Notice>;

  const preset = (days: number | null) => {
    setPending(null);
    setBrushKey((k) => k + 1);
    if (days === null || !full) setRange(null);
    else setRange([Math.max(full[0], full[1] - days * DAY), full[1]]);
  };

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.timeseries.heading')}</h3>
      </div>
      <p className="xp-muted">{t('explore.timeseries.lead')}</p>
      <ColumnChips
        label={t('explore.timeseries.pick')}
        names={numeric.map((c) => c.name)}
        selected={chosen}
        onChange={(s) => setChosen(s)}
      />
      <div className="xp-actions">
        <button type="button" className="button" onClick={() => preset(null)}>
          {t('explore.timeseries.resetZoom')}
        </button>
        <button type="button" className="button" onClick={() => preset(30)}>
          {t('explore.timeseries.last30')}
        </button>
        <button type="button" className="button" onClick={() => preset(7)}>
          {t('explore.timeseries.last7')}
        </button>
      </div>
      <div ref={ref} className="xp-measure" />
      {overview.status === 'done' && overview.value.length > 1 && full ? (
        <div className="xp-overview" data-no-i18n>
          <p className="xp-small xp-muted">{t('explore.timeseries.overview')}</p>
          <LineChart
            width={chartWidth}
            height={110}
            data={overview.value}
            margin={{ top: 4, right: 16, bottom: 4, left: 68 }}
          >
            <XAxis dataKey="t" type="number" domain={full} hide />
            <YAxis hide domain={['auto', 'auto']} />
            <Line
              dataKey="v"
              stroke={CHART.lineSecondary}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Brush
              key={brushKey}
              dataKey="t"
              height={48}
              travellerWidth={18}
              stroke={CHART.line}
              fill="#f5f6f7"
              tickFormatter={(v: number) => formatTimeTick(v, full[1] - full[0])}
              onChange={(r) => {
                const a = overview.value[r.startIndex ?? 0]?.t;
                const b = overview.value[r.endIndex ?? overview.value.length - 1]?.t;
                if (a !== undefined && b !== undefined && b > a) setPending([a, b]);
              }}
            />
          </LineChart>
        </div>
      ) : null}
      {chosen.length === 0 ? <Notice>{t('explore.timeseries.noneChosen')}</Notice> : null}
      {drawn.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {drawn.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {drawn.status === 'done' && domain
        ? drawn.value.map(({ name, d }) => (
            <SeriesPanel
              key={name}
              name={name}
              d={d}
              domain={domain}
              width={chartWidth}
              datasetName={dataset.meta.name}
            />
          ))
        : null}
    </div>
  );
}

function SeriesPanel({
  name,
  d,
  domain,
  width,
  datasetName,
}: {
  name: string;
  d: Downsampled;
  domain: [number, number];
  width: number;
  datasetName: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <ChartFrame
      title={name}
      titleIsData
      fileName={datasetName}
      caption={
        <p className="xp-small xp-muted">
          <span>{t('explore.common.pointsDrawn')}</span>{' '}
          <span data-no-i18n>
            {formatCount(d.drawn, lang)} / {formatCount(d.total, lang)}
          </span>
        </p>
      }
    >
      <TimeChart width={width} height={200} series={[{ name, t: d.t, v: d.v }]} domain={domain} />
    </ChartFrame>
  );
}
