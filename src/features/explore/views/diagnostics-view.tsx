import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyOperation,
  type CleaningEntry,
  type CleaningOp,
} from '../../../data/analysis/cleaning';
import type { ColumnDiagnostics, TableDiagnostics } from '../../../data/analysis/diagnostics';
import { getColumn, numericColumns, timeColumn } from '../../../data/data-table';
import type { ViewProps } from '../analysis/view-props';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { downsample } from '../charts/downsample';
import { TimeChart, type Band, type Mark, type MarkKind } from '../charts/time-chart';
import { useWidth } from '../charts/use-width';
import { analysis } from '../lib/analysis';
import { downloadCsv, fileStem } from '../lib/download';
import {
  formatCount,
  formatDateTimeFull,
  formatStep,
  formatValue,
  langOf,
  type Lang,
} from '../lib/format';
import { inAxisOrder, timeAxisOf } from '../lib/time-axis';
import { measurementColumns } from '../lib/columns';
import { useAsync } from '../lib/use-async';
import { Busy, Facts, Notice, NumberField, parseLocaleNumber } from '../ui';

const MAX_MARKS = 3000;

type MarkLayer = 'gap' | 'flat' | 'spike' | 'outlier' | 'impossible';
const MAX_BANDS = 400;

function flatlineRows(d: ColumnDiagnostics, rowOrder: Int32Array | null): number[] {
  // Every reading of a run but its first (the first value may well be real).
  const rows: number[] = [];
  if (rowOrder === null) {
    for (const f of d.flatlines) for (let r = f.startRow + 1; r <= f.endRow; r++) rows.push(r);
    return rows;
  }
  const pos = new Map<number, number>();
  rowOrder.forEach((row, i) => pos.set(row, i));
  for (const f of d.flatlines) {
    const a = pos.get(f.startRow);
    const b = pos.get(f.endRow);
    if (a === undefined || b === undefined) continue;
    for (let i = a + 1; i <= b; i++) rows.push(rowOrder[i] as number);
  }
  return rows;
}

/** A number as typed in an input: no grouping, the language's decimal separator. */
function inputNumber(v: number, lang: Lang): string {
  const text = String(v);
  return lang === 'es' ? text.replace('.', ',') : text;
}

function counts(d: ColumnDiagnostics) {
  return {
    gaps: d.gaps.length,
    missingSteps: d.missingSteps,
    flatlines: d.flatlines.length,
    spikes: d.spikes.length,
    outliers: d.outliers.robustZ.rows.length,
    impossible: d.impossible.rows.length,
  };
}

/** Gaps, flatlines, spikes, outliers and impossible values per column, with recorded cleaning. */
export default function DiagnosticsView({ dataset, active }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const table = dataset.table;
  const numeric = numericColumns(table);
  const [column, setColumn] = useState<string>(measurementColumns(table)[0]?.name ?? '');
  const [note, setNote] = useState<'nothingToDo' | 'badBounds' | null>(null);
  const diag = useAsync(`diag:${dataset.version}`, async () =>
    (await analysis()).diagnoseTable(table),
  );

  if (numeric.length === 0) return <Notice>{t('explore.common.noNumeric')}</Notice>;

  const apply = (op: CleaningOp) => {
    setNote(null);
    try {
      const result = applyOperation(table, op, Date.now());
      if (result.entry.changedRows.length === 0) {
        setNote('nothingToDo');
        return;
      }
      dataset.commit([...dataset.log, result.entry], result.table);
    } catch {
      setNote('badBounds');
    }
  };

  const exportCsv = (d: TableDiagnostics) =>
    downloadCsv(
      `${fileStem(dataset.meta.name)}-diagnostico.csv`,
      [
        t('explore.common.column'),
        t('explore.diagnostics.valid'),
        t('explore.diagnostics.missing'),
        t('explore.diagnostics.gaps'),
        t('explore.diagnostics.missingSteps'),
        t('explore.diagnostics.flatlines'),
        t('explore.diagnostics.spikes'),
        t('explore.diagnostics.outliers'),
        t('explore.diagnostics.impossible'),
      ],
      d.columns.map((c) => {
        const k = counts(c);
        return [
          c.column,
          c.valid,
          c.missing,
          k.gaps,
          k.missingSteps,
          k.flatlines,
          k.spikes,
          k.outliers,
          k.impossible,
        ];
      }),
      lang,
    );

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.diagnostics.heading')}</h3>
        {diag.status === 'done' ? <CsvButton onClick={() => exportCsv(diag.value)} /> : null}
      </div>
      <p className="xp-muted">{t('explore.diagnostics.lead')}</p>
      {diag.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {diag.status === 'error' ? (
        <Notice tone="error">{t('explore.common.viewFailed')}</Notice>
      ) : null}
      {diag.status === 'done' ? (
        <>
          <Facts
            className="xp-facts-inline"
            items={[
              ...(diag.value.timeColumn !== null
                ? [
                    {
                      label: t('explore.diagnostics.step'),
                      value: formatStep(diag.value.step, lang),
                    },
                    {
                      label: t('explore.diagnostics.rowsWithoutTime'),
                      value: formatCount(diag.value.rowsWithoutTime, lang),
                    },
                    {
                      label: t('explore.diagnostics.duplicateTimes'),
                      value: formatCount(diag.value.duplicateTimes, lang),
                    },
                  ]
                : []),
            ]}
          />
          {diag.value.unsortedTime ? (
            <Notice tone="warning">{t('explore.diagnostics.unsorted')}</Notice>
          ) : null}
          <DiagnosticsTable
            diag={diag.value}
            selected={column}
            onSelect={(c) => {
              setColumn(c);
              setNote(null);
            }}
            lang={lang}
          />
          <p className="xp-small xp-muted">{t('explore.diagnostics.outliersNote')}</p>
          {diag.value.columns
            .filter((c) => c.column === column)
            .map((c) => (
              <ColumnPanel
                key={c.column}
                d={c}
                dataset={dataset}
                active={active}
                onApply={apply}
                note={note}
              />
            ))}
        </>
      ) : null}
      <CleaningLog dataset={dataset} lang={lang} />
    </div>
  );
}

function DiagnosticsTable({
  diag,
  selected,
  onSelect,
  lang,
}: {
  diag: TableDiagnostics;
  selected: string;
  onSelect: (c: string) => void;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const cell = (n: number, tone: 'alarm' | 'warning') => (
    <td className={`num${n > 0 ? ` xp-cell-${tone}` : ''}`} data-no-i18n>
      {formatCount(n, lang)}
    </td>
  );
  return (
    <div
      className="xp-table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('explore.diagnostics.heading')}
    >
      <table className="xp-table xp-table-compact">
        <thead>
          <tr>
            <th scope="col">{t('explore.common.column')}</th>
            <th scope="col" className="num">
              {t('explore.diagnostics.valid')}
            </th>
            <th scope="col" className="num">
              {t('explore.diagnostics.missing')}
            </th>
            <th scope="col" className="num">
              {t('explore.diagnostics.gaps')}
            </th>
            <th scope="col" className="num">
              {t('explore.diagnostics.flatlines')}
            </th>
            <th scope="col" className="num">
              {t('explore.diagnostics.spikes')}
            </th>
            <th scope="col" className="num">
              {t('explore.diagnostics.outliers')}
            </th>
            <th scope="col" className="num">
              {t('explore.diagnostics.impossible')}
            </th>
          </tr>
        </thead>
        <tbody>
          {diag.columns.map((c) => {
            const k = counts(c);
            return (
              <tr key={c.column} className={c.column === selected ? 'xp-row-selected' : undefined}>
                <th scope="row" data-no-i18n>
                  <button
                    type="button"
                    className="xp-link-button"
                    aria-pressed={c.column === selected}
                    onClick={() => onSelect(c.column)}
                  >
                    {c.column}
                  </button>
                </th>
                <td className="num" data-no-i18n>
                  {formatCount(c.valid, lang)}
                </td>
                {cell(c.missing, 'warning')}
                {cell(k.gaps, 'warning')}
                {cell(k.flatlines, 'warning')}
                {cell(k.spikes, 'alarm')}
                {cell(k.outliers, 'warning')}
                {cell(k.impossible, 'alarm')}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ColumnPanel({
  d,
  dataset,
  active,
  onApply,
  note,
}: {
  d: ColumnDiagnostics;
  dataset: ViewProps['dataset'];
  active: boolean;
  onApply: (op: CleaningOp) => void;
  note: 'nothingToDo' | 'badBounds' | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const table = dataset.table;
  const axis = timeAxisOf(table);
  const col = getColumn(table, d.column);
  const time = timeColumn(table)?.values;
  const [ref, width] = useWidth<HTMLDivElement>();
  const chartWidth = active ? width : 0;
  const [k, setK] = useState(() => inputNumber(1.5, lang));
  const [lower, setLower] = useState(() =>
    d.impossible.range ? inputNumber(d.impossible.range[0], lang) : '',
  );
  const [upper, setUpper] = useState(() =>
    d.impossible.range ? inputNumber(d.impossible.range[1], lang) : '',
  );
  const [maxGap, setMaxGap] = useState('3');
  // Outliers can be hundreds (every storm): off by default when there are many.
  const [shown, setShown] = useState<MarkLayer[]>(() =>
    d.outliers.robustZ.rows.length > 100
      ? ['gap', 'flat', 'spike', 'impossible']
      : ['gap', 'flat', 'spike', 'outlier', 'impossible'],
  );

  const series = useAsync(
    axis && col && col.kind === 'number' && chartWidth > 0
      ? `diagseries:${dataset.version}:${d.column}:${chartWidth}`
      : null,
    async () => {
      if (!axis || !col || col.kind !== 'number') throw new Error('no column');
      const v = inAxisOrder(col.values, axis);
      const t0 = axis.t[0] as number;
      const t1 = axis.t[axis.t.length - 1] as number;
      return { d: await downsample(axis.t, v, t0, t1, chartWidth - 84), t0, t1 };
    },
  );

  if (!col || col.kind !== 'number') return null;
  const values = col.values;
  const marks: Mark[] = [];
  const addMarks = (rows: readonly number[], kind: MarkKind) => {
    const step = Math.max(1, Math.ceil(rows.length / MAX_MARKS));
    for (let i = 0; i < rows.length; i += step) {
      const row = rows[i] as number;
      const tt = time ? (time[row] as number) : row;
      const v = values[row] as number;
      if (Number.isFinite(tt) && Number.isFinite(v)) marks.push({ t: tt, v, kind });
    }
  };
  if (shown.includes('outlier')) addMarks(d.outliers.robustZ.rows, 'outlier');
  if (shown.includes('spike')) addMarks(d.spikes, 'spike');
  if (shown.includes('impossible')) addMarks(d.impossible.rows, 'impossible');
  const bands: Band[] = [
    ...(shown.includes('gap') ? d.gaps.slice(0, MAX_BANDS) : []).map((g) => ({
      start: g.start,
      end: g.end,
      kind: 'gap' as const,
    })),
    ...(shown.includes('flat') ? d.flatlines.slice(0, MAX_BANDS) : []).map((f) => ({
      start: f.start,
      end: f.end,
      kind: 'flat' as const,
    })),
  ];
  const flatRows = flatlineRows(d, axis?.order ?? null);

  const legend: { key: MarkLayer; label: string; swatch: string }[] = [
    { key: 'gap', label: t('explore.diagnostics.legendGap'), swatch: 'xp-swatch-gap' },
    { key: 'flat', label: t('explore.diagnostics.legendFlat'), swatch: 'xp-swatch-flat' },
    { key: 'spike', label: t('explore.diagnostics.legendSpike'), swatch: 'xp-swatch-alarm' },
    { key: 'outlier', label: t('explore.diagnostics.legendOutlier'), swatch: 'xp-swatch-warning' },
    {
      key: 'impossible',
      label: t('explore.diagnostics.legendImpossible'),
      swatch: 'xp-swatch-alarm',
    },
  ];

  return (
    <div className="xp-column-panel">
      <div ref={ref} className="xp-measure" />
      {axis ? (
        <ChartFrame
          title={t('explore.diagnostics.chartTitle')}
          fileName={`${dataset.meta.name}-${d.column}`}
          caption={
            <div
              className="xp-chips xp-legend-toggles"
              role="group"
              aria-label={t('explore.diagnostics.show')}
            >
              {legend.map((l) => (
                <button
                  key={l.key}
                  type="button"
                  className="xp-chip xp-chip-legend"
                  aria-pressed={shown.includes(l.key)}
                  onClick={() =>
                    setShown((s) =>
                      s.includes(l.key) ? s.filter((x) => x !== l.key) : [...s, l.key],
                    )
                  }
                >
                  <span className={`xp-swatch ${l.swatch}`} aria-hidden="true" />
                  <span>{l.label}</span>
                </button>
              ))}
            </div>
          }
        >
          <p className="xp-chart-subtitle">{d.column}</p>
          {series.status === 'done' ? (
            <TimeChart
              width={chartWidth}
              height={240}
              series={[{ name: d.column, t: series.value.d.t, v: series.value.d.v }]}
              domain={[series.value.t0, series.value.t1]}
              marks={marks}
              bands={bands}
            />
          ) : (
            <Busy>{t('explore.common.computing')}</Busy>
          )}
        </ChartFrame>
      ) : null}

      {dataset.filtered ? (
        <Notice tone="warning">{t('explore.diagnostics.cleaningFiltered')}</Notice>
      ) : (
        <div className="xp-cleaning">
          <h4 className="xp-subheading">
            <span>{t('explore.diagnostics.cleaningHeading')}</span>{' '}
            <span data-no-i18n>{d.column}</span>
          </h4>
          <p className="xp-muted xp-small">{t('explore.diagnostics.cleaningLead')}</p>
          <div className="xp-cleaning-grid">
            <div className="xp-cleaning-op">
              <NumberField label={t('explore.diagnostics.iqrK')} value={k} onChange={setK} />
              <button
                type="button"
                className="button"
                disabled={!(parseLocaleNumber(k) >= 0)}
                onClick={() =>
                  onApply({
                    op: 'cap',
                    column: d.column,
                    params: { mode: 'iqr', k: parseLocaleNumber(k) },
                  })
                }
              >
                {t('explore.diagnostics.capIqr')}
              </button>
            </div>
            <div className="xp-cleaning-op">
              <NumberField
                label={t('explore.diagnostics.lower')}
                value={lower}
                onChange={setLower}
              />
              <NumberField
                label={t('explore.diagnostics.upper')}
                value={upper}
                onChange={setUpper}
              />
              <button
                type="button"
                className="button"
                onClick={() => {
                  const lo = parseLocaleNumber(lower);
                  const hi = parseLocaleNumber(upper);
                  onApply({
                    op: 'cap',
                    column: d.column,
                    params: {
                      mode: 'bounds',
                      lower: Number.isNaN(lo) ? -Infinity : lo,
                      upper: Number.isNaN(hi) ? Infinity : hi,
                    },
                  });
                }}
              >
                {t('explore.diagnostics.capBounds')}
              </button>
            </div>
            <div className="xp-cleaning-op">
              <NumberField
                label={t('explore.diagnostics.maxGap')}
                value={maxGap}
                onChange={setMaxGap}
              />
              <button
                type="button"
                className="button"
                disabled={!(parseLocaleNumber(maxGap) >= 1)}
                onClick={() =>
                  onApply({
                    op: 'interpolate',
                    column: d.column,
                    params: { maxGap: Math.floor(parseLocaleNumber(maxGap)) },
                  })
                }
              >
                {t('explore.diagnostics.interpolate')}
              </button>
            </div>
          </div>
          <div className="xp-actions">
            {(
              [
                ['removeSpikes', d.spikes],
                ['removeImpossible', d.impossible.rows],
                ['removeOutliers', d.outliers.robustZ.rows],
                ['removeFlat', flatRows],
              ] as const
            ).map(([key, rows]) => (
              <button
                key={key}
                type="button"
                className="button"
                disabled={rows.length === 0}
                onClick={() =>
                  onApply({ op: 'remove', column: d.column, params: { rows: [...rows] } })
                }
              >
                <span>{t(`explore.diagnostics.${key}`)}</span>{' '}
                <span data-no-i18n>({formatCount(rows.length, lang)})</span>
              </button>
            ))}
          </div>
          {note ? <Notice tone="warning">{t(`explore.diagnostics.${note}`)}</Notice> : null}
        </div>
      )}
    </div>
  );
}

function paramsText(e: CleaningEntry, lang: Lang): string {
  switch (e.op) {
    case 'cap':
      return e.params.mode === 'iqr'
        ? `IQR k = ${formatValue(e.params.k, lang)}${
            e.resolved
              ? ` → [${formatValue(e.resolved.lower, lang, 4)}; ${formatValue(e.resolved.upper, lang, 4)}]`
              : ''
          }`
        : `[${formatValue(e.params.lower, lang, 4)}; ${formatValue(e.params.upper, lang, 4)}]`;
    case 'remove': {
      // Row numbers as in the preview (1-based), the first few.
      const rows = e.params.rows.slice(0, 4).map((r) => `#${formatCount(r + 1, lang)}`);
      return `${rows.join(', ')}${e.params.rows.length > 4 ? ', …' : ''}`;
    }
    case 'interpolate':
      return `≤ ${formatCount(e.params.maxGap, lang)}`;
  }
}

function CleaningLog({ dataset, lang }: { dataset: ViewProps['dataset']; lang: Lang }) {
  const { t } = useTranslation();
  const log = dataset.log;
  const [busy, setBusy] = useState(false);
  const opName = (e: CleaningEntry) =>
    e.op === 'cap'
      ? t('explore.diagnostics.opCap')
      : e.op === 'remove'
        ? t('explore.diagnostics.opRemove')
        : t('explore.diagnostics.opInterpolate');
  const undo = async (to: CleaningEntry[]) => {
    setBusy(true);
    try {
      await dataset.resetTo(to);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="xp-log" aria-label={t('explore.diagnostics.logHeading')}>
      <div className="xp-view-head">
        <h4 className="xp-subheading">{t('explore.diagnostics.logHeading')}</h4>
        {log.length > 0 ? (
          <CsvButton
            onClick={() =>
              downloadCsv(
                `${fileStem(dataset.meta.name)}-limpieza.csv`,
                [
                  t('explore.diagnostics.op'),
                  t('explore.common.column'),
                  t('explore.diagnostics.params'),
                  t('explore.diagnostics.changed'),
                  t('explore.diagnostics.at'),
                ],
                log.map((e) => [
                  opName(e),
                  e.column,
                  paramsText(e, lang),
                  e.changedRows.length,
                  new Date(e.at).toISOString(),
                ]),
                lang,
              )
            }
          />
        ) : null}
      </div>
      {log.length === 0 ? (
        <p className="xp-muted">{t('explore.diagnostics.logEmpty')}</p>
      ) : (
        <>
          <div
            className="xp-table-scroll"
            tabIndex={0}
            role="region"
            aria-label={t('explore.diagnostics.logHeading')}
          >
            <table className="xp-table xp-table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('explore.diagnostics.op')}</th>
                  <th scope="col">{t('explore.common.column')}</th>
                  <th scope="col">{t('explore.diagnostics.params')}</th>
                  <th scope="col" className="num">
                    {t('explore.diagnostics.changed')}
                  </th>
                  <th scope="col">{t('explore.diagnostics.at')}</th>
                </tr>
              </thead>
              <tbody>
                {log.map((e, i) => (
                  <tr key={`${e.at}-${i}`}>
                    <td>{opName(e)}</td>
                    <td data-no-i18n>{e.column}</td>
                    <td data-no-i18n>{paramsText(e, lang)}</td>
                    <td className="num" data-no-i18n>
                      {formatCount(e.changedRows.length, lang)}
                    </td>
                    <td data-no-i18n>
                      {formatDateTimeFull(e.at - new Date(e.at).getTimezoneOffset() * 60_000)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="xp-actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void undo(log.slice(0, -1))}
            >
              {t('explore.diagnostics.undo')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void undo([])}>
              {t('explore.diagnostics.undoAll')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
