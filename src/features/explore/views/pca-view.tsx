import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  Scatter,
  ScatterChart,
  XAxis,
  YAxis,
} from 'recharts';
import { prepareChartMeasurement } from '../../../components/chart-measurement';
import type { PcaResult } from '../../../data/analysis/pca';
import { numericColumns } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { Legend } from '../charts/legend';
import { CHART } from '../charts/theme';
import { niceTicks } from '../charts/ticks';
import { useWidth } from '../charts/use-width';
import { analysis } from '../lib/analysis';
import { downloadCsv, fileStem } from '../lib/download';
import { formatCount, formatFixed, formatPercent, formatValue, langOf } from '../lib/format';
import { measurementColumns } from '../lib/columns';
import { useAsync } from '../lib/use-async';
import { Busy, ColumnChips, Facts, Notice } from '../ui';

prepareChartMeasurement();

const SHOWN_COMPONENTS = 4;

/** PCA of standardised columns: scree, loadings table and a PC1–PC2 biplot. */
export default function PcaView({ dataset, active }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const numeric = numericColumns(dataset.table);
  // Columns mostly empty (a jar-test dose measured once a day) would cut the complete rows to a
  // few: by default only columns with values in at least half of the rows are included.
  const [chosen, setChosen] = useState<string[]>(() => {
    const mostlyFull = measurementColumns(dataset.table).filter((c) => {
      let n = 0;
      for (const v of c.values) if (Number.isFinite(v)) n++;
      return n >= 0.5 * c.values.length;
    });
    return (mostlyFull.length >= 2 ? mostlyFull : numeric).map((c) => c.name);
  });
  const [ref, width] = useWidth<HTMLDivElement>();
  const series = numeric.filter((c) => chosen.includes(c.name));
  const result = useAsync(
    series.length >= 2 ? `pca:${dataset.version}:${chosen.join('|')}` : null,
    async () =>
      (await analysis()).pca(
        series.map((c) => ({ name: c.name, values: c.values })),
        { maxScores: 1500 },
      ),
  );
  const pc = (k: number) => `${t('explore.pca.pcShort')}${k + 1}`;

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.pca.heading')}</h3>
      </div>
      <p className="xp-muted">{t('explore.pca.lead')}</p>
      <ColumnChips
        label={t('explore.pca.include')}
        names={numeric.map((c) => c.name)}
        selected={chosen}
        onChange={setChosen}
        allLabel={t('explore.common.selectAll')}
        noneLabel={t('explore.common.selectNone')}
      />
      <div ref={ref} className="xp-measure" />
      {series.length < 2 ? <Notice>{t('explore.pca.needTwo')}</Notice> : null}
      {result.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {result.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {result.status === 'done' ? (
        result.value.names.length < 2 || result.value.rowsUsed < 3 ? (
          <Notice tone="warning">{t('explore.pca.needTwo')}</Notice>
        ) : (
          <PcaResults
            r={result.value}
            width={active ? width - 26 : 0}
            name={dataset.meta.name}
            pc={pc}
            lang={lang}
          />
        )
      ) : null}
    </div>
  );
}

function PcaResults({
  r,
  width,
  name,
  pc,
  lang,
}: {
  r: PcaResult;
  width: number;
  name: string;
  pc: (k: number) => string;
  lang: 'es' | 'en';
}) {
  const { t } = useTranslation();
  const p = r.names.length;
  const shown = Math.min(SHOWN_COMPONENTS, p);
  const scree = Array.from(r.explainedRatio, (v, k) => ({
    k: pc(k),
    explained: v * 100,
    cumulative: (r.cumulativeRatio[k] as number) * 100,
  }));
  const loading = (i: number, k: number) => r.loadings[i * p + k] as number;
  const exportLoadings = () =>
    downloadCsv(
      `${fileStem(name)}-acp-cargas.csv`,
      [t('explore.common.column'), ...Array.from({ length: p }, (_, k) => pc(k))],
      [
        ...r.names.map((n, i) => [n, ...Array.from({ length: p }, (_, k) => loading(i, k))]),
        [t('explore.pca.eigenvalue'), ...Array.from(r.eigenvalues)],
        [t('explore.pca.explained'), ...Array.from(r.explainedRatio)],
      ],
      lang,
    );

  // Biplot: scores, and each column's loading arrow scaled to the cloud of scores.
  const q = r.scoreComponents;
  const scores = Array.from({ length: r.scoreRows.length }, (_, s) => ({
    x: r.scores[s * q] as number,
    y: q > 1 ? (r.scores[s * q + 1] as number) : 0,
  }));
  // The view frames the bulk of the cloud (99 % of the rows); the few farthest rows fall outside.
  const radii = scores.map((s) => Math.max(Math.abs(s.x), Math.abs(s.y))).sort((a, b) => a - b);
  const bulk = Math.max(1e-9, radii[Math.floor(0.99 * (radii.length - 1))] ?? 1);
  const ticks = niceTicks(-bulk * 1.05, bulk * 1.05, 7);
  const lim = Math.max(Math.abs(ticks[0] ?? bulk), Math.abs(ticks[ticks.length - 1] ?? bulk));
  const arrows = r.names.map((n, i) => ({
    name: n,
    x: loading(i, 0) * Math.sqrt(r.eigenvalues[0] as number),
    y: p > 1 ? loading(i, 1) * Math.sqrt(r.eigenvalues[1] as number) : 0,
  }));
  const maxArrow = Math.max(1e-9, ...arrows.map((a) => Math.hypot(a.x, a.y)));
  const scale = (0.9 * lim) / maxArrow;

  return (
    <>
      <Facts
        className="xp-facts-inline"
        items={[
          {
            label: t('explore.pca.rowsUsed'),
            value: `${formatCount(r.rowsUsed, lang)} / ${formatCount(r.rowsTotal, lang)}`,
          },
        ]}
      />
      {r.dropped.length > 0 ? (
        <Notice tone="warning">
          <span>{t('explore.pca.dropped')}</span>{' '}
          {r.dropped.map((d, i) => (
            <span key={d.name}>
              <span data-no-i18n>{`${i > 0 ? '; ' : ''}${d.name} (`}</span>
              <span>
                {d.reason === 'constant'
                  ? t('explore.pca.droppedConstant')
                  : t('explore.pca.droppedNoData')}
              </span>
              <span data-no-i18n>)</span>
            </span>
          ))}
        </Notice>
      ) : null}
      {width > 0 ? (
        <ChartFrame
          title={t('explore.pca.scree')}
          fileName={name}
          caption={
            <Legend
              items={[
                { label: t('explore.pca.explained'), swatch: 'band' },
                { label: t('explore.pca.cumulative'), swatch: 'line' },
              ]}
            />
          }
        >
          <ComposedChart
            width={width}
            height={240}
            data={scree}
            margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          >
            <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="k" stroke={CHART.axis} fontSize={CHART.fontSize} />
            <YAxis
              width={56}
              domain={[0, 100]}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => `${formatFixed(v, lang, 0)} %`}
            />
            <Bar
              dataKey="explained"
              fill={CHART.lineFaint}
              stroke={CHART.lineSecondary}
              isAnimationActive={false}
            />
            <Line
              dataKey="cumulative"
              stroke={CHART.line}
              strokeWidth={2}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ChartFrame>
      ) : null}

      <div className="xp-view-head">
        <h4 className="xp-subheading">{t('explore.pca.loadings')}</h4>
        <CsvButton onClick={exportLoadings} />
      </div>
      <div
        className="xp-table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('explore.pca.loadings')}
      >
        <table className="xp-table xp-table-compact">
          <thead>
            <tr>
              <td aria-hidden="true" />
              <th scope="col">{t('explore.common.column')}</th>
              {Array.from({ length: shown }, (_, k) => (
                <th key={k} scope="col" className="num">
                  <span>{t('explore.pca.pcShort')}</span>
                  <span data-no-i18n>{k + 1}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.names.map((n, i) => (
              <tr key={n}>
                <td className="num" data-no-i18n>
                  {i + 1}
                </td>
                <th scope="row" data-no-i18n>
                  {n}
                </th>
                {Array.from({ length: shown }, (_, k) => (
                  <td
                    key={k}
                    className={`num${Math.abs(loading(i, k)) >= 0.4 ? ' xp-strong' : ''}`}
                    data-no-i18n
                  >
                    {formatFixed(loading(i, k), lang, 2)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <td />
              <th scope="row">{t('explore.pca.explained')}</th>
              {Array.from({ length: shown }, (_, k) => (
                <td key={k} className="num" data-no-i18n>
                  {formatPercent(r.explainedRatio[k] as number, lang)}
                </td>
              ))}
            </tr>
            <tr>
              <td />
              <th scope="row">{t('explore.pca.eigenvalue')}</th>
              {Array.from({ length: shown }, (_, k) => (
                <td key={k} className="num" data-no-i18n>
                  {formatValue(r.eigenvalues[k] as number, lang, 3)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      {width > 0 && p > 1 ? (
        <ChartFrame
          title={t('explore.pca.biplot')}
          fileName={name}
          caption={
            <Legend
              items={[
                { label: t('explore.pca.scores'), swatch: 'gap' },
                { label: t('explore.pca.arrows'), swatch: 'line' },
              ]}
            />
          }
        >
          <ScatterChart
            width={width}
            height={Math.min(520, Math.max(360, width * 0.7))}
            margin={{ top: 12, right: 24, bottom: 28, left: 12 }}
          >
            <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              domain={[-lim, lim]}
              allowDataOverflow
              ticks={ticks}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatValue(v, lang, 3)}
              label={{
                value: `${pc(0)} (${formatPercent(r.explainedRatio[0] as number, lang, 0)})`,
                position: 'insideBottom',
                offset: -18,
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }}
            />
            <YAxis
              type="number"
              dataKey="y"
              width={56}
              domain={[-lim, lim]}
              allowDataOverflow
              ticks={ticks}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatValue(v, lang, 3)}
              label={{
                value: `${pc(1)} (${formatPercent(r.explainedRatio[1] as number, lang, 0)})`,
                angle: -90,
                position: 'insideLeft',
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }}
            />
            <Scatter
              data={scores}
              fill={CHART.lineFaint}
              isAnimationActive={false}
              shape="circle"
            />
            {arrows.map((a) => (
              <ReferenceLine
                key={a.name}
                segment={[
                  { x: 0, y: 0 },
                  { x: a.x * scale, y: a.y * scale },
                ]}
                stroke={CHART.line}
                strokeWidth={2}
                ifOverflow="extendDomain"
              />
            ))}
            {/* Each arrow's number (the loadings table's row) at its tip. */}
            {arrows.map((a, i) => (
              <ReferenceDot
                key={`tip-${a.name}`}
                x={a.x * scale}
                y={a.y * scale}
                r={11}
                fill="#ffffff"
                stroke={CHART.line}
                label={{
                  value: String(i + 1),
                  position: 'center',
                  fontSize: 12,
                  fontWeight: 700,
                  fill: CHART.text,
                }}
                ifOverflow="extendDomain"
              />
            ))}
          </ScatterChart>
        </ChartFrame>
      ) : null}
    </>
  );
}
