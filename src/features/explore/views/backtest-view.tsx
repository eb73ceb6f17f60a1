import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWallClock } from '../../../domain/input-record';
import type { PackManifest } from '../../../domain/pack-manifest';
import type * as EngineEntry from '../../../ml/engine/engine';
import type { BatchRow, PackSummary } from '../../../ml/engine/engine-api';
import { useAppStore } from '../../../store/app-store';
import { listAllPacks, packSourceFor } from '../../../store/pack-sources';
import type { ViewProps } from '../analysis/view-props';
import {
  autoMatch,
  backtestMetrics,
  buildBacktest,
  mappableInputs,
  missingAssignments,
  previousInputs,
  type BacktestData,
  type BacktestMetrics,
  type Mapping,
} from '../backtest/backtest-model';
import { ChartFrame, CsvButton } from '../charts/chart-frame';
import { downsample } from '../charts/downsample';
import { Legend } from '../charts/legend';
import { TimeChart, type Mark } from '../charts/time-chart';
import { useWidth } from '../charts/use-width';
import { downloadCsv, fileStem } from '../lib/download';
import { formatCount, formatPercent, formatValue, langOf, type Lang } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { Busy, Facts, Notice, SelectField } from '../ui';

type EngineModule = typeof EngineEntry;
let engineModule: Promise<EngineModule> | undefined;
function engine(): Promise<EngineModule> {
  const p = (engineModule ??= import('../../../ml/engine/engine'));
  p.catch(() => {
    if (engineModule === p) engineModule = undefined;
  });
  return p;
}

interface Result {
  data: BacktestData;
  rows: BatchRow[];
  predicted: Float64Array;
  metrics: BacktestMetrics;
  novel: number;
  rejected: number;
  packId: string;
}

type Run =
  | { status: 'idle' }
  | { status: 'loading'; fraction: number }
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; result: Result }
  | { status: 'error'; message: 'engineFailed' | 'runFailed' }
  | { status: 'cancelled' };

/** The active pack's doses on the dataset, row by row, against the recorded dose and persistence. */
export default function BacktestView({ dataset, active }: ViewProps) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const packId = useAppStore((s) => s.activePackId);
  const setActivePack = useAppStore((s) => s.setActivePack);
  const table = dataset.table;
  const pack = useAsync(`pack:${packId}`, async () => {
    // A pack kept on this device (Models area) or one the site ships.
    const [manifest, packs] = await Promise.all([
      packSourceFor(packId).then((source) => source.manifest(packId)),
      listAllPacks().catch(() => [] as PackSummary[]),
    ]);
    return { manifest, packs };
  });
  const manifest = pack.status === 'done' ? pack.value.manifest : null;
  const [mapping, setMapping] = useState<{ key: string; mapping: Mapping } | null>(null);
  const mappingKey = manifest ? `${manifest.id}:${dataset.version}` : '';
  const current =
    manifest && mapping?.key === mappingKey
      ? mapping.mapping
      : manifest
        ? autoMatch(manifest, table)
        : null;
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const update = (change: (m: Mapping) => Mapping) => {
    if (current) setMapping({ key: mappingKey, mapping: change(current) });
  };

  const start = async () => {
    if (!manifest || !current) return;
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    const data = buildBacktest(manifest, table, current);
    setRun({ status: 'loading', fraction: 0 });
    let eng;
    try {
      const m = await engine();
      eng = await m.loadEngine(
        manifest.id,
        (p) => {
          if (!ac.signal.aborted) setRun({ status: 'loading', fraction: p.fraction });
        },
        { source: await packSourceFor(manifest.id) },
      );
    } catch {
      if (!ac.signal.aborted) setRun({ status: 'error', message: 'engineFailed' });
      return;
    }
    if (ac.signal.aborted) return;
    setRun({ status: 'running', done: 0, total: data.records.length });
    try {
      const rows = await eng.predictBatch(
        data.records,
        (p) => {
          if (!ac.signal.aborted) setRun({ status: 'running', done: p.done, total: p.total });
        },
        ac.signal,
      );
      const predicted = Float64Array.from(rows, (r) => (r.ok ? r.dose : NaN));
      setRun({
        status: 'done',
        result: {
          data,
          rows,
          predicted,
          metrics: backtestMetrics(data.recorded, predicted, data.persistence),
          novel: rows.filter((r) => r.ok && r.novel).length,
          rejected: rows.filter((r) => !r.ok).length,
          packId: manifest.id,
        },
      });
    } catch {
      setRun(
        ac.signal.aborted ? { status: 'cancelled' } : { status: 'error', message: 'runFailed' },
      );
    }
  };

  const cancel = () => {
    controller.current?.abort();
    setRun({ status: 'cancelled' });
  };

  const missing = manifest && current ? missingAssignments(manifest, current) : [];
  const busy = run.status === 'loading' || run.status === 'running';
  const label = (l: { es: string; en: string }) => l[lang];

  return (
    <div className="xp-view">
      <div className="xp-view-head">
        <h3 className="xp-view-title">{t('explore.backtest.heading')}</h3>
      </div>
      <p className="xp-muted">{t('explore.backtest.lead')}</p>
      {pack.status === 'running' ? <Busy>{t('explore.backtest.loadingEngine')}</Busy> : null}
      {pack.status === 'error' ? (
        <Notice tone="error">{t('explore.backtest.engineFailed')}</Notice>
      ) : null}
      {pack.status === 'done' && manifest && current ? (
        <>
          {pack.value.packs.length > 0 ? (
            <SelectField
              label={t('explore.backtest.pack')}
              value={packId}
              onChange={(id) => {
                setRun({ status: 'idle' });
                setActivePack(id);
              }}
              disabled={busy}
              options={pack.value.packs.map((p) => ({
                value: p.id,
                label: label(p.title),
                data: true,
              }))}
            />
          ) : null}
          <h4 className="xp-subheading">{t('explore.backtest.mappingHeading')}</h4>
          <p className="xp-small xp-muted">{t('explore.backtest.mappingLead')}</p>
          <MappingTable
            manifest={manifest}
            mapping={current}
            dataset={dataset}
            onChange={update}
            lang={lang}
          />
          {missing.length > 0 ? (
            <Notice tone="warning">{t('explore.backtest.missingRequired')}</Notice>
          ) : null}
          <div className="xp-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || missing.length > 0}
              onClick={() => void start()}
            >
              {t('explore.backtest.run')}
            </button>
            {busy ? (
              <button type="button" className="button" onClick={cancel}>
                {t('explore.common.cancel')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {run.status === 'loading' || run.status === 'running' ? (
        <div className="xp-job-progress">
          <span role="status">
            {run.status === 'loading'
              ? t('explore.backtest.loadingEngine')
              : t('explore.backtest.running')}
          </span>
          <progress
            className="xp-progress"
            max={1}
            value={
              run.status === 'loading' ? run.fraction : run.total > 0 ? run.done / run.total : 0
            }
            aria-label={t('explore.backtest.running')}
          />
          <span className="xp-progress-value" data-no-i18n>
            {run.status === 'running'
              ? `${formatCount(run.done, lang)} / ${formatCount(run.total, lang)}`
              : formatPercent(run.fraction, lang, 0)}
          </span>
        </div>
      ) : null}
      {run.status === 'cancelled' ? <p role="status">{t('explore.backtest.cancelled')}</p> : null}
      {run.status === 'error' ? (
        <Notice tone="error">{t(`explore.backtest.${run.message}`)}</Notice>
      ) : null}
      {run.status === 'done' && run.result.packId === manifest?.id ? (
        <Results result={run.result} datasetName={dataset.meta.name} active={active} lang={lang} />
      ) : null}
    </div>
  );
}

function MappingTable({
  manifest,
  mapping,
  dataset,
  onChange,
  lang,
}: {
  manifest: PackManifest;
  mapping: Mapping;
  dataset: ViewProps['dataset'];
  onChange: (change: (m: Mapping) => Mapping) => void;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const columns = dataset.table.columns;
  const unassigned = { value: '', label: t('explore.backtest.unassigned') };
  return (
    <div
      className="xp-table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('explore.backtest.mappingHeading')}
    >
      <table className="xp-table xp-mapping">
        <thead>
          <tr>
            <th scope="col">{t('explore.backtest.input')}</th>
            <th scope="col">{t('explore.backtest.modelUnit')}</th>
            <th scope="col">{t('explore.backtest.column')}</th>
          </tr>
        </thead>
        <tbody>
          {mappableInputs(manifest).map((input) => (
            <tr
              key={input.id}
              className={!input.optional && !mapping.inputs[input.id] ? 'xp-flagged' : undefined}
            >
              <th scope="row">
                <span data-no-i18n>{input.label[lang]}</span>
                {input.optional ? (
                  <>
                    {' '}
                    <span className="xp-muted xp-small">{t('explore.backtest.optional')}</span>
                  </>
                ) : null}
              </th>
              <td data-no-i18n>{input.unit}</td>
              <td>
                <SelectField
                  hideLabel
                  label={t('explore.backtest.column')}
                  labelData={input.label[lang]}
                  value={mapping.inputs[input.id] ?? ''}
                  onChange={(v) =>
                    onChange((m) => ({
                      ...m,
                      inputs: { ...m.inputs, [input.id]: v === '' ? null : v },
                    }))
                  }
                  options={[
                    unassigned,
                    ...columns
                      .filter((c) => c.kind === input.kind)
                      .map((c) => ({ value: c.name, label: c.name, data: true })),
                  ]}
                />
              </td>
            </tr>
          ))}
          {previousInputs(manifest).map(({ input }) => (
            <tr key={input.id}>
              <th scope="row" data-no-i18n>
                {input.label[lang]}
              </th>
              <td data-no-i18n>{input.unit}</td>
              <td className="xp-muted xp-small">{t('explore.backtest.previousDerived')}</td>
            </tr>
          ))}
          <tr className={!mapping.recorded ? 'xp-flagged' : undefined}>
            <th scope="row">{t('explore.backtest.recordedDose')}</th>
            <td data-no-i18n>{manifest.heads.dose.target.unit}</td>
            <td>
              <SelectField
                hideLabel
                label={t('explore.backtest.column')}
                labelData={t('explore.backtest.recordedDose')}
                value={mapping.recorded ?? ''}
                onChange={(v) => onChange((m) => ({ ...m, recorded: v === '' ? null : v }))}
                options={[
                  unassigned,
                  ...columns
                    .filter((c) => c.kind === 'number')
                    .map((c) => ({ value: c.name, label: c.name, data: true })),
                ]}
              />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Results({
  result,
  datasetName,
  active,
  lang,
}: {
  result: Result;
  datasetName: string;
  active: boolean;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const { data, rows, predicted, metrics } = result;
  const groups = [...new Set(data.group.filter((g): g is string => g !== null))];
  const countOf = new Map<string, number>();
  for (const g of data.group) if (g !== null) countOf.set(g, (countOf.get(g) ?? 0) + 1);
  groups.sort((a, b) => (countOf.get(b) ?? 0) - (countOf.get(a) ?? 0) || a.localeCompare(b));
  const [group, setGroup] = useState<string>(groups[0] ?? '');
  const [ref, width] = useWidth<HTMLDivElement>();
  const chartWidth = active ? width - 26 : 0;

  const chart = useAsync(
    chartWidth > 0 ? `bt-chart:${group}:${chartWidth}:${rows.length}` : null,
    async () => {
      const idx: number[] = [];
      for (let k = 0; k < data.records.length; k++)
        if (
          (groups.length === 0 || data.group[k] === group) &&
          Number.isFinite(data.time[k] as number)
        )
          idx.push(k);
      const t = Float64Array.from(idx, (k) => data.time[k] as number);
      const rec = Float64Array.from(idx, (k) => data.recorded[k] as number);
      const pred = Float64Array.from(idx, (k) => predicted[k] as number);
      const lo = Float64Array.from(idx, (k) => (rows[k]?.ok ? (rows[k]?.lo ?? NaN) : NaN));
      const hi = Float64Array.from(idx, (k) => (rows[k]?.ok ? (rows[k]?.hi ?? NaN) : NaN));
      if (t.length === 0) return null;
      const t0 = t[0] as number;
      const t1 = t[t.length - 1] as number;
      const w = chartWidth - 84;
      const dp = await downsample(t, pred, t0, t1, w);
      const dr = await downsample(t, rec, t0, t1, w);
      const marks: Mark[] = [];
      idx.forEach((k, j) => {
        if (rows[k]?.ok && rows[k]?.novel && Number.isFinite(pred[j] as number))
          marks.push({ t: t[j] as number, v: pred[j] as number, kind: 'novel' });
      });
      return {
        domain: [t0, t1] as [number, number],
        pred: dp,
        rec: dr,
        band: {
          t: dp.t,
          lo: Float64Array.from(dp.index, (i) => lo[i] as number),
          hi: Float64Array.from(dp.index, (i) => hi[i] as number),
        },
        marks,
      };
    },
  );

  const better = (a: number, b: number, lowerIsBetter: boolean) =>
    Number.isFinite(a) && Number.isFinite(b) && (lowerIsBetter ? a < b : a > b);
  const metricRows = [
    {
      key: 'mae',
      label: t('explore.backtest.mae'),
      m: metrics.model.mae,
      p: metrics.persistence.mae,
      low: true,
    },
    {
      key: 'rmse',
      label: t('explore.backtest.rmse'),
      m: metrics.model.rmse,
      p: metrics.persistence.rmse,
      low: true,
    },
    {
      key: 'r2',
      label: t('explore.backtest.r2'),
      m: metrics.model.r2,
      p: metrics.persistence.r2,
      low: false,
    },
  ];

  const exportPredictions = () =>
    downloadCsv(
      `${fileStem(datasetName)}-predicciones-${result.packId}.csv`,
      [
        t('explore.backtest.csvHeader.time'),
        t('explore.backtest.csvHeader.group'),
        t('explore.backtest.csvHeader.recorded'),
        t('explore.backtest.csvHeader.predicted'),
        t('explore.backtest.csvHeader.lo'),
        t('explore.backtest.csvHeader.hi'),
        t('explore.backtest.csvHeader.persistence'),
        t('explore.backtest.csvHeader.novel'),
        t('explore.backtest.csvHeader.issues'),
      ],
      rows.map((r, k) => [
        Number.isFinite(data.time[k] as number) ? formatWallClock(data.time[k] as number) : '',
        data.group[k] ?? '',
        data.recorded[k] as number,
        r.ok ? r.dose : null,
        r.ok ? r.lo : null,
        r.ok ? r.hi : null,
        data.persistence[k] as number,
        r.ok ? r.novel : null,
        r.issues.map((i) => `${i.code}:${i.input}`).join(' '),
      ]),
      lang,
    );

  return (
    <section className="xp-backtest-results" aria-label={t('explore.backtest.metricsHeading')}>
      <div className="xp-view-head">
        <h4 className="xp-subheading">{t('explore.backtest.metricsHeading')}</h4>
        <CsvButton onClick={exportPredictions} />
      </div>
      <div
        className="xp-table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('explore.backtest.metricsHeading')}
      >
        <table className="xp-table xp-metrics">
          <thead>
            <tr>
              <th scope="col">{t('explore.backtest.metric')}</th>
              <th scope="col" className="num">
                {t('explore.backtest.model')}
              </th>
              <th scope="col" className="num">
                {t('explore.backtest.persistence')}
              </th>
            </tr>
          </thead>
          <tbody>
            {metricRows.map((r) => (
              <tr key={r.key} data-metric={r.key}>
                <th scope="row">{r.label}</th>
                <td className={`num${better(r.m, r.p, r.low) ? ' xp-better' : ''}`} data-no-i18n>
                  {r.key === 'r2' ? formatValue(r.m, lang, 2) : formatValue(r.m, lang, 3)}
                </td>
                <td className={`num${better(r.p, r.m, r.low) ? ' xp-better' : ''}`} data-no-i18n>
                  {r.key === 'r2' ? formatValue(r.p, lang, 2) : formatValue(r.p, lang, 3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Facts
        className="xp-facts-inline"
        items={[
          { label: t('explore.backtest.rowsTotal'), value: formatCount(rows.length, lang) },
          { label: t('explore.backtest.compared'), value: formatCount(metrics.compared, lang) },
          { label: t('explore.backtest.rejected'), value: formatCount(result.rejected, lang) },
          { label: t('explore.backtest.novel'), value: formatCount(result.novel, lang) },
        ]}
      />
      <p className="xp-small xp-muted">{t('explore.backtest.comparedNote')}</p>
      <div ref={ref} className="xp-measure" />
      {groups.length > 1 ? (
        <SelectField
          label={t('explore.backtest.plantFilter')}
          value={group}
          onChange={setGroup}
          options={groups.map((g) => ({
            value: g,
            label: `${g} (${formatCount(countOf.get(g) ?? 0, lang)})`,
            data: true,
          }))}
        />
      ) : null}
      {chart.status === 'running' ? <Busy>{t('explore.common.computing')}</Busy> : null}
      {chart.status === 'done' && chart.value && chartWidth > 0 ? (
        <ChartFrame
          title={t('explore.backtest.chart')}
          fileName={`${datasetName}-${group}`}
          caption={
            <Legend
              items={[
                { label: t('explore.backtest.predicted'), swatch: 'line' },
                { label: t('explore.backtest.recorded'), swatch: 'line-dashed' },
                { label: t('explore.backtest.interval'), swatch: 'band' },
                { label: t('explore.backtest.novelPoint'), swatch: 'warning' },
              ]}
            />
          }
        >
          {groups.length > 0 ? <p className="xp-chart-subtitle">{group}</p> : null}
          <TimeChart
            width={chartWidth}
            height={280}
            domain={chart.value.domain}
            series={[
              {
                name: t('explore.backtest.predicted'),
                t: chart.value.pred.t,
                v: chart.value.pred.v,
              },
              { name: t('explore.backtest.recorded'), t: chart.value.rec.t, v: chart.value.rec.v },
            ]}
            range={{ ...chart.value.band, name: t('explore.backtest.interval') }}
            marks={chart.value.marks}
            yLabel="mg/L"
          />
        </ChartFrame>
      ) : null}
    </section>
  );
}
