import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from 'recharts';
import { prepareChartMeasurement } from '../../../components/chart-measurement';
import type { SeasonalPeriod } from '../../../data/analysis/seasonal';
import { numericColumns, timeColumn } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { Legend } from '../charts/legend';
import { CHART } from '../charts/theme';
import { useWidth } from '../charts/use-width';
import { analysis } from '../lib/analysis';
import { downloadCsv, fileStem } from '../lib/download';
import { formatCount, formatValue, langOf } from '../lib/format';
import { measurementColumns } from '../lib/columns';
import { useAsync } from '../lib/use-async';
import { Busy, Notice, Segmented, SelectField } from '../ui';

prepareChartMeasurement();

/** Mean, median and interquartile band of one column by hour of day, weekday or month. */
export default function SeasonalView({ dataset, active }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const table = dataset.table;
  const time = timeColumn(table);
  const numeric = numericColumns(table);
  const [column, setColumn] = useState(measurementColumns(table)[0]?.name ?? '');
  const [period, setPeriod] = useState<SeasonalPeriod>('hour');
  const [ref, width] = useWidth<HTMLDivElement>();
  const values = numeric.find((c) => c.name === column)?.values;
  const profile = useAsync(
    time && values ? `seasonal:${dataset.version}:${column}:${period}` : null,
    async () => (await analysis()).seasonalProfile(time!.values, values!, period),
  );

  if (!time) return <Notice>{t('explore.common.needsTime')}</Notice>;
  if (numeric.length === 0) return <Notice>{t('explore.common.noNumeric')}</Notice>;

  const label = (key: number) =>
    period === 'hour'
      ? String(key)
      : period === 'weekday'
        ? t(`explore.seasonal.weekdays.${String(key) as '0'}`)
        : t(`explore.seasonal.months.${String(key) as '1'}`);

  const rows =
    profile.status === 'done'
      ? profile.value.keys.map((k, i) => {
          const p25 = profile.value.p25[i] as number;
          const p75 = profile.value.p75[i] as number;
          const fin = (v: number) => (Number.isFinite(v) ? v : null);
          return {
            key: label(k),
            mean: fin(profile.value.mean[i] as number),
            median: fin(profile.value.median[i] as number),
            p25,
            p75,
            band: Number.isFinite(p25) && Number.isFinite(p75) ? [p25, p75] : null,
            count: profile.value.count[i] as number,
          };
        })
      : [];

  const periodLabel = t(`explore.seasonal.${period}`);
  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.seasonal.heading')}</h3>
        {rows.length > 0 ? (
          <CsvButton
            onClick={() =>
              downloadCsv(
                `${fileStem(`${dataset.meta.name}-${column}-${period}`)}.csv`,
                [
                  t('explore.seasonal.group'),
                  t('explore.seasonal.count'),
                  t('explore.seasonal.mean'),
                  t('explore.seasonal.median'),
                  t('explore.describe.p25'),
                  t('explore.describe.p75'),
                ],
                rows.map((r) => [r.key, r.count, r.mean, r.median, r.p25, r.p75]),
                lang,
              )
            }
          />
        ) : null}
      </div>
      <div className="xp-row">
        <SelectField
          label={t('explore.common.column')}
          value={column}
          onChange={setColumn}
          options={numeric.map((c) => ({ value: c.name, label: c.name, data: true }))}
        />
        <Segmented
          label={t('explore.seasonal.period')}
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'hour', label: t('explore.seasonal.hour') },
            { value: 'weekday', label: t('explore.seasonal.weekday') },
            { value: 'month', label: t('explore.seasonal.month') },
          ]}
        />
      </div>
      <div ref={ref} className="xp-measure" />
      {profile.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {profile.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {profile.status === 'done' && active && width > 0 ? (
        <ChartFrame
          title={t('explore.seasonal.heading')}
          fileName={`${dataset.meta.name}-${column}`}
          caption={
            <Legend
              items={[
                { label: t('explore.seasonal.mean'), swatch: 'line' },
                { label: t('explore.seasonal.median'), swatch: 'line-dashed' },
                { label: t('explore.seasonal.band'), swatch: 'band' },
              ]}
            />
          }
        >
          <p className="xp-chart-subtitle">
            {column} · {periodLabel}
          </p>
          <ComposedChart
            width={width - 26}
            height={280}
            data={rows}
            margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          >
            <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="key"
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              interval="preserveStartEnd"
            />
            <YAxis
              width={64}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatValue(v, lang, 3)}
              domain={['auto', 'auto']}
            />
            <Area dataKey="band" stroke="none" fill={CHART.band} isAnimationActive={false} />
            <Line
              dataKey="mean"
              stroke={CHART.line}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="median"
              stroke={CHART.axis}
              strokeDasharray="6 3"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ChartFrame>
      ) : null}
      {rows.length > 0 ? (
        <div
          className="xp-table-scroll"
          tabIndex={0}
          role="region"
          aria-label={t('explore.seasonal.heading')}
        >
          <table className="xp-table xp-table-compact">
            <thead>
              <tr>
                <th scope="col">{t('explore.seasonal.group')}</th>
                <th scope="col" className="num">
                  {t('explore.seasonal.count')}
                </th>
                <th scope="col" className="num">
                  {t('explore.seasonal.mean')}
                </th>
                <th scope="col" className="num">
                  {t('explore.seasonal.median')}
                </th>
                <th scope="col" className="num">
                  {t('explore.describe.p25')}
                </th>
                <th scope="col" className="num">
                  {t('explore.describe.p75')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row" data-no-i18n>
                    {r.key}
                  </th>
                  <td className="num" data-no-i18n>
                    {formatCount(r.count, lang)}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatValue(r.mean ?? NaN, lang, 4)}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatValue(r.median ?? NaN, lang, 4)}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatValue(r.p25, lang, 4)}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatValue(r.p75, lang, 4)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
