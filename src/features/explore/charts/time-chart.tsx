import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { prepareChartMeasurement } from '../../../components/chart-measurement';
import { formatDateTimeFull, formatTimeTick, formatValue, langOf } from '../lib/format';
import { CHART, DASHES, SERIES_GREYS } from './theme';
import { extent, niceTicks, timeTicks } from './ticks';

prepareChartMeasurement();

export interface TimeSeriesData {
  name: string;
  /** Downsampled times and values (NaN = break the line). */
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

export type MarkKind = 'spike' | 'outlier' | 'impossible' | 'novel';
export interface Mark {
  t: number;
  v: number;
  kind: MarkKind;
}
export interface Band {
  start: number;
  end: number;
  kind: 'gap' | 'flat';
}
export interface RangeBand {
  t: ArrayLike<number>;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  name: string;
}

const MARK_STYLE: Record<MarkKind, { color: string; r: number; hollow: boolean }> = {
  impossible: { color: CHART.alarm, r: 5, hollow: false },
  spike: { color: CHART.alarm, r: 5, hollow: false },
  outlier: { color: CHART.warning, r: 2.5, hollow: true },
  novel: { color: CHART.warning, r: 3.5, hollow: false },
};

function markShape(kind: MarkKind) {
  const st = MARK_STYLE[kind];
  return function MarkDot(props: unknown) {
    const { cx, cy } = props as { cx?: number; cy?: number };
    if (typeof cx !== 'number' || typeof cy !== 'number') return <g />;
    return (
      <circle
        cx={cx}
        cy={cy}
        r={st.r}
        fill={st.hollow ? 'none' : st.color}
        stroke={st.color}
        strokeWidth={st.hollow ? 1.25 : 0}
      />
    );
  };
}

function rows(t: ArrayLike<number>, v: ArrayLike<number>): { t: number; v: number | null }[] {
  const out = new Array<{ t: number; v: number | null }>(t.length);
  for (let i = 0; i < t.length; i++) {
    const y = v[i] as number;
    out[i] = { t: t[i] as number, v: Number.isFinite(y) ? y : null };
  }
  return out;
}

function TipContent({
  active,
  payload,
  lang,
}: {
  active?: boolean;
  payload?: readonly { name?: unknown; value?: unknown; payload?: { t?: number } }[];
  lang: 'es' | 'en';
}) {
  if (!active || !payload || payload.length === 0) return null;
  const time = payload[0]?.payload?.t;
  return (
    <div className="xp-tooltip" data-no-i18n>
      <div>{typeof time === 'number' ? formatDateTimeFull(time) : ''}</div>
      {payload.map((p, i) => (
        <div key={i}>
          {String(p.name ?? '')}:{' '}
          {typeof p.value === 'number'
            ? formatValue(p.value, lang, 4)
            : Array.isArray(p.value)
              ? p.value.map((x) => formatValue(Number(x), lang, 4)).join(' – ')
              : ''}
        </div>
      ))}
    </div>
  );
}

/**
 * Line chart of already-downsampled series on a time axis, with optional flagged points
 * (coloured), shaded intervals (gaps, flatlines) and a shaded range band (an interval).
 */
export function TimeChart({
  width,
  height,
  series,
  domain,
  marks = [],
  bands = [],
  range,
  yLabel,
}: {
  width: number;
  height: number;
  series: readonly TimeSeriesData[];
  domain: [number, number];
  marks?: readonly Mark[];
  bands?: readonly Band[];
  range?: RangeBand;
  yLabel?: string;
}) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  if (width <= 0) return null;
  const span = domain[1] - domain[0];
  const rangeRows = range
    ? Array.from({ length: range.t.length }, (_, i) => {
        const lo = range.lo[i] as number;
        const hi = range.hi[i] as number;
        return {
          t: range.t[i] as number,
          band: Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null,
        };
      })
    : null;
  const markKinds = [...new Set(marks.map((m) => m.kind))];
  const [lo, hi] = extent(
    ...series.map((x) => x.v),
    ...(range ? [range.lo, range.hi] : []),
    marks.map((m) => m.v),
  );
  const ticks = niceTicks(lo, hi, Math.max(3, Math.round(height / 50)));
  const xTicks = timeTicks(domain[0], domain[1], Math.max(2, Math.floor((width - 90) / 95)));
  return (
    <ComposedChart
      width={width}
      height={height}
      margin={{ top: 8, right: 28, bottom: 4, left: 4 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={domain}
        allowDataOverflow
        ticks={xTicks.ticks.length > 1 ? xTicks.ticks : undefined}
        tickFormatter={(v: number) =>
          xTicks.ticks.length > 1 ? xTicks.format(v) : formatTimeTick(v, span)
        }
        stroke={CHART.axis}
        fontSize={CHART.fontSize}
      />
      <YAxis
        width={64}
        stroke={CHART.axis}
        fontSize={CHART.fontSize}
        tickFormatter={(v: number) => formatValue(v, lang, 3)}
        domain={
          ticks.length > 1
            ? [ticks[0] as number, ticks[ticks.length - 1] as number]
            : ['auto', 'auto']
        }
        ticks={ticks.length > 1 ? ticks : undefined}
        allowDataOverflow
        label={
          yLabel
            ? {
                value: yLabel,
                angle: -90,
                position: 'insideLeft',
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }
            : undefined
        }
      />
      {bands.map((b, i) => (
        <ReferenceArea
          key={`band-${i}`}
          x1={b.start}
          x2={b.end}
          ifOverflow="hidden"
          fill={b.kind === 'gap' ? CHART.lineFaint : CHART.warningFill}
          fillOpacity={b.kind === 'gap' ? 0.45 : 0.3}
          stroke="none"
        />
      ))}
      {rangeRows ? (
        <Area
          data={rangeRows}
          dataKey="band"
          name={range?.name}
          stroke="none"
          fill={CHART.band}
          fillOpacity={0.8}
          isAnimationActive={false}
          connectNulls={false}
        />
      ) : null}
      {series.map((s, i) => (
        <Line
          key={s.name}
          data={rows(s.t, s.v)}
          dataKey="v"
          name={s.name}
          stroke={SERIES_GREYS[i % SERIES_GREYS.length]}
          strokeDasharray={DASHES[i % DASHES.length]}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
      {markKinds.map((kind) => (
        <Scatter
          key={kind}
          data={marks.filter((m) => m.kind === kind)}
          dataKey="v"
          fill={MARK_STYLE[kind].color}
          shape={markShape(kind)}
          isAnimationActive={false}
          legendType="none"
        />
      ))}
      <Tooltip
        content={(props) => (
          <TipContent active={props.active} payload={props.payload as never} lang={lang} />
        )}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
