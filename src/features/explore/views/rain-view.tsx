import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { prepareChartMeasurement } from '../../../components/chart-measurement';
import { accumulationWindows, describeLag } from '../../../data/analysis/rain-lag';
import { numericColumns, timeColumn } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { downsample } from '../charts/downsample';
import { TimeChart } from '../charts/time-chart';
import { CHART } from '../charts/theme';
import { useWidth } from '../charts/use-width';
import { analysis } from '../lib/analysis';
import { downloadCsv, fileStem } from '../lib/download';
import { formatCount, formatFixed, formatR, langOf } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { defaultDriver, defaultResponse, lagSentence, regularStepOf } from '../rain/lag-model';
import { Busy, Facts, Notice, NumberField, parseLocaleNumber, SelectField } from '../ui';

prepareChartMeasurement();

const HOUR = 3_600_000;

/** Lag axis ticks on whole hours: every 1, 2, 3, 6, 12, 24 or 48 h, at most 10. */
function hourTicks(maxH: number): number[] {
  const step = [1, 2, 3, 6, 12, 24, 48].find((s) => maxH / s <= 10) ?? Math.ceil(maxH / 10);
  const out: number[] = [];
  for (let h = 0; h <= maxH + 1e-9; h += step) out.push(h);
  return out;
}

/** Lagged correlation between a driver (rain, upstream sensor) and a response, read aloud. */
export default function RainView({ dataset, active }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const table = dataset.table;
  const time = timeColumn(table);
  const numeric = numericColumns(table);
  const names = numeric.map((c) => c.name);
  const step = time ? regularStepOf(time.values) : null;
  const [driver, setDriver] = useState(() => defaultDriver(names) ?? '');
  const [response, setResponse] = useState(
    () => defaultResponse(names, defaultDriver(names)) ?? '',
  );
  const [acc, setAcc] = useState('step');
  const [maxLagText, setMaxLagText] = useState('48');
  const [ref, width] = useWidth<HTMLDivElement>();
  const windows = step ? accumulationWindows(step) : [];
  const maxLagHours = Math.max(1, Math.min(24 * 14, parseLocaleNumber(maxLagText) || 48));
  const maxLagSteps = step ? Math.max(1, Math.round((maxLagHours * HOUR) / step)) : 0;
  const d = numeric.find((c) => c.name === driver)?.values;
  const r = numeric.find((c) => c.name === response)?.values;

  const lag = useAsync(
    step && time && d && r && driver !== response
      ? `lag:${dataset.version}:${driver}:${response}:${acc}:${maxLagSteps}`
      : null,
    async () => {
      const client = await analysis();
      let drv: ArrayLike<number> = d!;
      const w = windows.find((x) => x.label === acc);
      if (w) drv = (await client.rollingAccumulations(time!.values, d!, [w]))[0]!.values;
      const curve = await client.laggedCorrelation(drv, r!, maxLagSteps, { peak: 'abs' });
      return { curve, finding: describeLag(curve, driver, response, step!) };
    },
  );

  const chartWidth = active ? width - 26 : 0;
  // The chosen accumulation (24 h when the lag uses the per-step series) over time.
  const shownWindow =
    windows.find((w) => w.label === acc) ??
    windows.find((w) => w.durationMs === 24 * HOUR) ??
    windows[windows.length - 1];
  const accum = useAsync(
    step && time && d && shownWindow && chartWidth > 0
      ? `acc:${dataset.version}:${driver}:${shownWindow.label}:${chartWidth}`
      : null,
    async () => {
      const client = await analysis();
      const [sum] = await client.rollingAccumulations(time!.values, d!, [shownWindow!]);
      const t0 = time!.values[0] as number;
      const t1 = time!.values[time!.values.length - 1] as number;
      const ds = await downsample(time!.values, sum!.values, t0, t1, chartWidth - 84);
      return {
        series: [{ name: sum!.window.label, t: ds.t, v: ds.v }],
        domain: [t0, t1] as [number, number],
      };
    },
  );

  if (!time || !step) return <Notice>{t('explore.rain.needRegular')}</Notice>;
  if (numeric.length < 2) return <Notice>{t('explore.common.noNumeric')}</Notice>;

  const columnOptions = names.map((n) => ({ value: n, label: n, data: true }));
  const finding = lag.status === 'done' ? lag.value.finding : null;
  const sentence = finding ? lagSentence(finding, maxLagHours, lang) : null;
  const curveRows =
    lag.status === 'done'
      ? Array.from(lag.value.curve.lags, (k, i) => ({
          h: (k * step) / HOUR,
          r: Number.isFinite(lag.value.curve.r[i] as number)
            ? (lag.value.curve.r[i] as number)
            : null,
          n: lag.value.curve.n[i] as number,
        }))
      : [];

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.rain.heading')}</h3>
        {curveRows.length > 0 ? (
          <CsvButton
            onClick={() =>
              downloadCsv(
                `${fileStem(`${dataset.meta.name}-retardo`)}.csv`,
                [
                  t('explore.rain.lagAxis'),
                  t('explore.correlation.coefficient'),
                  t('explore.rain.pairs'),
                ],
                curveRows.map((x) => [x.h, x.r, x.n]),
                lang,
              )
            }
          />
        ) : null}
      </div>
      <p className="xp-muted">{t('explore.rain.lead')}</p>
      <div className="xp-grid-fields">
        <SelectField
          label={t('explore.rain.driver')}
          value={driver}
          onChange={setDriver}
          options={columnOptions}
        />
        <SelectField
          label={t('explore.rain.response')}
          value={response}
          onChange={setResponse}
          options={columnOptions}
        />
        <SelectField
          label={t('explore.rain.accumulation')}
          value={acc}
          onChange={setAcc}
          options={[
            { value: 'step', label: t('explore.rain.perStep') },
            ...windows.map((w) => ({ value: w.label, label: w.label, data: true })),
          ]}
        />
        <NumberField label={t('explore.rain.maxLag')} value={maxLagText} onChange={setMaxLagText} />
      </div>
      <div ref={ref} className="xp-measure" />
      {lag.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {lag.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {finding && sentence ? (
        <>
          <p
            className="xp-sentence"
            data-no-i18n
            data-i18n-key={`explore.rain.sentence.${sentence.key}`}
          >
            {t(`explore.rain.sentence.${sentence.key}`, sentence.vars)}
          </p>
          <Facts
            className="xp-facts-inline"
            items={[
              {
                label: t('explore.rain.strength'),
                value: {
                  none: t('explore.rain.strengthNone'),
                  weak: t('explore.rain.strengthWeak'),
                  moderate: t('explore.rain.strengthModerate'),
                  strong: t('explore.rain.strengthStrong'),
                }[finding.strength],
                data: false,
              },
              { label: t('explore.correlation.coefficient'), value: formatR(finding.r, lang) },
              { label: t('explore.rain.pairs'), value: formatCount(finding.n, lang) },
            ]}
          />
          {finding.atEdge ? <Notice tone="warning">{t('explore.rain.atEdge')}</Notice> : null}
          <p className="xp-small xp-muted">{t('explore.rain.caveat')}</p>
          {acc !== 'step' ? (
            <p className="xp-small xp-muted">{t('explore.rain.accumulationCaveat')}</p>
          ) : null}
        </>
      ) : null}
      {curveRows.length > 0 && chartWidth > 0 && finding ? (
        <ChartFrame
          title={t('explore.rain.lagCurve')}
          fileName={`${dataset.meta.name}-${driver}-${response}`}
        >
          <p className="xp-chart-subtitle">
            {driver} → {response}
          </p>
          <LineChart
            width={chartWidth}
            height={260}
            data={curveRows}
            margin={{ top: 8, right: 16, bottom: 24, left: 4 }}
          >
            <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="h"
              type="number"
              domain={[0, 'dataMax']}
              ticks={hourTicks(curveRows[curveRows.length - 1]?.h ?? 0)}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatFixed(v, lang, Number.isInteger(v) ? 0 : 1)}
              label={{
                value: t('explore.rain.lagAxis'),
                position: 'insideBottom',
                offset: -14,
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }}
            />
            <YAxis
              width={56}
              domain={[-1, 1]}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatFixed(v, lang, 1)}
            />
            <ReferenceLine y={0} stroke={CHART.axis} />
            {finding.lagSteps >= 0 ? (
              <ReferenceLine
                x={finding.lagHours}
                stroke={CHART.text}
                strokeDasharray="4 3"
                strokeWidth={2}
              />
            ) : null}
            <Line
              dataKey="r"
              stroke={CHART.line}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ChartFrame>
      ) : null}
      {accum.status === 'done' && chartWidth > 0 && accum.value.series.length > 0 ? (
        <ChartFrame
          title={t('explore.rain.accumulation')}
          fileName={`${dataset.meta.name}-${driver}`}
          caption={
            <ul className="xp-legend" data-no-i18n>
              {accum.value.series.map((s, i) => (
                <li key={s.name}>
                  <span
                    className={`xp-swatch ${i === 0 ? 'xp-swatch-line' : 'xp-swatch-line-dashed'}`}
                    aria-hidden="true"
                  />
                  <span>{s.name}</span>
                </li>
              ))}
            </ul>
          }
        >
          <p className="xp-chart-subtitle">{driver}</p>
          <TimeChart
            width={chartWidth}
            height={220}
            series={accum.value.series}
            domain={accum.value.domain}
          />
        </ChartFrame>
      ) : null}
    </div>
  );
}
