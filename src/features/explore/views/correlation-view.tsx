import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import { prepareChartMeasurement } from '../../../components/chart-measurement';
import type { CorrelationMatrix, CorrelationMethod } from '../../../data/analysis/correlation';
import { numericColumns } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { CHART } from '../charts/theme';
import { useWidth } from '../charts/use-width';
import { analysis } from '../lib/analysis';
import { downloadCsv, fileStem } from '../lib/download';
import { formatCount, formatR, formatValue, langOf } from '../lib/format';
import { measurementColumns } from '../lib/columns';
import { useAsync } from '../lib/use-async';
import { Busy, Facts, Notice, Segmented } from '../ui';

prepareChartMeasurement();

const MAX_SCATTER = 2000;

/** Grey ramp on |r| (ISA-101: no hue for a normal statistic); the value is printed in the cell. */
function cellFill(r: number): string {
  if (!Number.isFinite(r)) return '#ffffff';
  const a = Math.min(1, Math.abs(r));
  const from = [255, 255, 255];
  const to = [59, 65, 71];
  const c = from.map((f, i) => Math.round(f + (to[i]! - f) * a));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function short(name: string, max = 26): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/** Pearson / Spearman heatmap; a tapped cell shows its n and the scatter with a fitted line. */
export default function CorrelationView({ dataset, active }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const table = dataset.table;
  // Identifiers (pid, id) are left out: their correlations mean nothing.
  const numeric = measurementColumns(table);
  const [method, setMethod] = useState<CorrelationMethod>('pearson');
  const [cell, setCell] = useState<[number, number] | null>(null);
  const [ref, width] = useWidth<HTMLDivElement>();
  const matrix = useAsync(
    numeric.length > 1 ? `corr:${dataset.version}:${method}` : null,
    async () =>
      (await analysis()).correlationMatrix(
        numeric.map((c) => ({ name: c.name, values: c.values })),
        method,
      ),
  );

  if (numeric.length < 2) return <Notice>{t('explore.common.noNumeric')}</Notice>;

  const exportCsv = (m: CorrelationMatrix) => {
    const p = m.names.length;
    downloadCsv(
      `${fileStem(`${dataset.meta.name}-${method}`)}.csv`,
      ['', ...m.names, '', ...m.names.map((n) => `n: ${n}`)],
      m.names.map((name, i) => [
        name,
        ...Array.from({ length: p }, (_, j) => m.r[i * p + j] as number),
        '',
        ...Array.from({ length: p }, (_, j) => m.n[i * p + j] as number),
      ]),
      lang,
    );
  };

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.correlation.heading')}</h3>
        {matrix.status === 'done' ? <CsvButton onClick={() => exportCsv(matrix.value)} /> : null}
      </div>
      <Segmented
        label={t('explore.correlation.method')}
        value={method}
        onChange={(m) => setMethod(m)}
        options={[
          { value: 'pearson', label: t('explore.correlation.pearson') },
          { value: 'spearman', label: t('explore.correlation.spearman') },
        ]}
      />
      <p className="xp-muted">{t('explore.correlation.hint')}</p>
      <div ref={ref} className="xp-measure" />
      {matrix.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {matrix.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {matrix.status === 'done' && active && width > 0 ? (
        <>
          <ChartFrame
            title={t('explore.correlation.heatmap')}
            fileName={`${dataset.meta.name}-${method}`}
          >
            <Heatmap m={matrix.value} width={width - 26} selected={cell} onSelect={setCell} />
          </ChartFrame>
          {cell ? (
            <CellDetail
              key={`${cell[0]}-${cell[1]}-${dataset.version}`}
              m={matrix.value}
              cell={cell}
              dataset={dataset}
              width={width - 26}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function Heatmap({
  m,
  width,
  selected,
  onSelect,
}: {
  m: CorrelationMatrix;
  width: number;
  selected: [number, number] | null;
  onSelect: (c: [number, number]) => void;
}) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const p = m.names.length;
  // Row labels: "1  name" when there is room, else the number alone with a key under the map.
  const CHAR = 7.4;
  const longest = Math.max(...m.names.map((n) => Math.min(n.length, 28)));
  const fullLabelW = Math.min(260, longest * CHAR + 36);
  const compact = fullLabelW + 50 * p + 8 > width;
  const labelW = compact ? 36 : fullLabelW;
  const maxChars = Math.floor((labelW - 30) / CHAR);
  const size = Math.max(50, Math.min(76, Math.floor((width - labelW - 8) / p)));
  const top = 30;
  const w = labelW + size * p + 8;
  const h = top + size * p + 8;
  const key = (e: KeyboardEvent, i: number, j: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect([i, j]);
    }
  };
  return (
    <>
      <div className="xp-heatmap-scroll">
        <svg width={w} height={h} fontSize={13} fontFamily="system-ui, sans-serif">
          {m.names.map((_name, j) => (
            <text
              key={`c${j}`}
              x={labelW + j * size + size / 2}
              y={top - 10}
              textAnchor="middle"
              fill={CHART.axis}
              fontWeight={700}
            >
              {j + 1}
            </text>
          ))}
          {m.names.map((name, i) => (
            <g key={`r${i}`}>
              <text
                x={labelW - 8}
                y={top + i * size + size / 2 + 4}
                textAnchor="end"
                fill={CHART.text}
              >
                <title>{name}</title>
                {compact ? String(i + 1) : `${i + 1}  ${short(name, maxChars)}`}
              </text>
              {m.names.map((other, j) => {
                const r = m.r[i * p + j] as number;
                const n = m.n[i * p + j] as number;
                const isSel = selected !== null && selected[0] === i && selected[1] === j;
                return (
                  <g
                    key={`c${j}`}
                    className="xp-heatmap-cell"
                    role="button"
                    tabIndex={0}
                    aria-label={`${name} × ${other}: r = ${formatR(r, lang)}, n = ${formatCount(n, lang)}`}
                    aria-pressed={isSel}
                    onClick={() => onSelect([i, j])}
                    onKeyDown={(e) => key(e, i, j)}
                  >
                    <rect
                      x={labelW + j * size}
                      y={top + i * size}
                      width={size - 1}
                      height={size - 1}
                      fill={cellFill(r)}
                      stroke={isSel ? CHART.text : CHART.grid}
                      strokeWidth={isSel ? 3 : 1}
                    />
                    <text
                      x={labelW + j * size + size / 2 - 1}
                      y={top + i * size + size / 2 + 4}
                      textAnchor="middle"
                      fill={Math.abs(r) > 0.55 ? '#ffffff' : CHART.text}
                      fontWeight={i === j ? 400 : 600}
                    >
                      {formatR(r, lang)}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
      {compact ? (
        <ol className="xp-heatmap-key">
          {m.names.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

function CellDetail({
  m,
  cell,
  dataset,
  width,
}: {
  m: CorrelationMatrix;
  cell: [number, number];
  dataset: ViewProps['dataset'];
  width: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const p = m.names.length;
  const [i, j] = cell;
  const xName = m.names[j] ?? '';
  const yName = m.names[i] ?? '';
  const x = numericColumns(dataset.table).find((c) => c.name === xName)?.values;
  const y = numericColumns(dataset.table).find((c) => c.name === yName)?.values;
  const fit = useAsync(x && y ? `fit:${dataset.version}:${i}:${j}` : null, async () =>
    (await analysis()).linearFit(x!, y!),
  );
  const points: { x: number; y: number }[] = [];
  if (x && y) {
    const idx: number[] = [];
    for (let k = 0; k < x.length; k++)
      if (Number.isFinite(x[k] as number) && Number.isFinite(y[k] as number)) idx.push(k);
    const step = Math.max(1, idx.length / MAX_SCATTER);
    for (let s = 0; s < idx.length; s += step) {
      const k = idx[Math.floor(s)] as number;
      points.push({ x: x[k] as number, y: y[k] as number });
    }
  }
  const xs = points.map((pt) => pt.x);
  const xmin = Math.min(...xs);
  const xmax = Math.max(...xs);
  const f = fit.status === 'done' ? fit.value : null;
  return (
    <section className="xp-cell-detail" aria-label={t('explore.correlation.cellLabel')}>
      <h4 className="xp-subheading">
        <span>{t('explore.correlation.cellLabel')}</span>{' '}
        <span data-no-i18n>
          {yName} × {xName}
        </span>
      </h4>
      <Facts
        className="xp-facts-inline"
        items={[
          {
            label: t('explore.correlation.coefficient'),
            value: formatR(m.r[i * p + j] as number, lang),
          },
          {
            label: t('explore.correlation.pairs'),
            value: formatCount(m.n[i * p + j] as number, lang),
          },
          ...(f
            ? [
                { label: t('explore.correlation.slope'), value: formatValue(f.slope, lang, 4) },
                {
                  label: t('explore.correlation.intercept'),
                  value: formatValue(f.intercept, lang, 4),
                },
                { label: t('explore.correlation.r2'), value: formatR(f.r2, lang) },
              ]
            : []),
        ]}
      />
      {points.length > 1 ? (
        <ChartFrame
          title={t('explore.correlation.scatter')}
          fileName={`${dataset.meta.name}-${yName}-${xName}`}
          caption={
            points.length >= MAX_SCATTER ? (
              <p className="xp-small xp-muted">{t('explore.correlation.sampled')}</p>
            ) : undefined
          }
        >
          <ScatterChart
            width={width}
            height={320}
            margin={{ top: 8, right: 16, bottom: 28, left: 12 }}
          >
            <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              name={xName}
              domain={['auto', 'auto']}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatValue(v, lang, 3)}
              label={{
                value: xName,
                position: 'insideBottom',
                offset: -18,
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }}
            />
            <YAxis
              type="number"
              dataKey="y"
              name={yName}
              width={64}
              domain={['auto', 'auto']}
              stroke={CHART.axis}
              fontSize={CHART.fontSize}
              tickFormatter={(v: number) => formatValue(v, lang, 3)}
              label={{
                value: short(yName, 30),
                angle: -90,
                position: 'insideLeft',
                fontSize: CHART.fontSize,
                fill: CHART.axis,
              }}
            />
            <Scatter
              data={points}
              fill={CHART.lineSecondary}
              fillOpacity={0.6}
              isAnimationActive={false}
              shape="circle"
            />
            {f && Number.isFinite(f.slope) ? (
              <ReferenceLine
                segment={[
                  { x: xmin, y: f.intercept + f.slope * xmin },
                  { x: xmax, y: f.intercept + f.slope * xmax },
                ]}
                stroke={CHART.text}
                strokeWidth={2.5}
                ifOverflow="extendDomain"
              />
            ) : null}
          </ScatterChart>
        </ChartFrame>
      ) : null}
    </section>
  );
}
