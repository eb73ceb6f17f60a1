import {
  lazy,
  Suspense,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { analysis } from '../lib/analysis';
import { formatCount, langOf } from '../lib/format';
import { Busy, Notice, SelectField } from '../ui';
import { filterChoices, filterRows } from './row-filter';
import type { ActiveDataset } from './use-active-dataset';
import { useActiveDataset } from './use-active-dataset';
import { ViewBoundary } from './view-boundary';

// Every view is its own chunk: recharts and the analysis code load only when a view opens.
const VIEWS = {
  diagnostics: lazy(() => import('../views/diagnostics-view')),
  describe: lazy(() => import('../views/describe-view')),
  timeseries: lazy(() => import('../views/timeseries-view')),
  seasonal: lazy(() => import('../views/seasonal-view')),
  correlation: lazy(() => import('../views/correlation-view')),
  pca: lazy(() => import('../views/pca-view')),
  rain: lazy(() => import('../views/rain-view')),
  backtest: lazy(() => import('../views/backtest-view')),
} as const;

export type ViewId = keyof typeof VIEWS;
export const VIEW_IDS = Object.keys(VIEWS) as ViewId[];

/** The analysis of the active dataset: a tab per view. Views once opened stay mounted. */
export function AnalysisSection() {
  const { t } = useTranslation();
  const state = useActiveDataset();
  const headingId = useId();
  return (
    <section className="xp-section xp-analysis" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('explore.analysis.heading')}
      </h2>
      {state.status === 'none' ? <p>{t('explore.analysis.pickDataset')}</p> : null}
      {state.status === 'opening' ? <Busy>{t('explore.analysis.opening')}</Busy> : null}
      {state.status === 'error' ? (
        <Notice tone="error">{t('explore.datasets.openFailed')}</Notice>
      ) : null}
      {state.status === 'ready' ? (
        <AnalysisTabs key={state.dataset.meta.id} dataset={state.dataset} />
      ) : null}
    </section>
  );
}

function AnalysisTabs({ dataset: full }: { dataset: ActiveDataset }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [filter, setFilter] = useState('');
  const choices = useMemo(() => filterChoices(full.table), [full.table]);
  const dataset = useMemo<ActiveDataset>(() => {
    const [column, value] = filter.split('\u0000');
    if (!filter || column === undefined || value === undefined) return full;
    if (!choices.some((c) => c.column === column && c.value === value)) return full;
    return {
      ...full,
      table: filterRows(full.table, column, value),
      version: `${full.version}|${filter}`,
      filtered: true,
    };
  }, [full, filter, choices]);
  // The views' tables live in the analysis worker: send each version there once, as soon as it
  // is shown (in slices, the page stays responsive), rather than when the first view asks.
  useEffect(() => {
    analysis()
      .then((client) => client.preload(dataset.table))
      .catch(() => undefined);
  }, [dataset.table]);
  const [current, setCurrent] = useState<ViewId>('describe');
  const [visited, setVisited] = useState<ViewId[]>(['describe']);
  const tabRefs = useRef(new Map<ViewId, HTMLButtonElement>());
  const baseId = useId();

  const select = (id: ViewId, focus = false) => {
    setCurrent(id);
    setVisited((v) => (v.includes(id) ? v : [...v, id]));
    if (focus) tabRefs.current.get(id)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const i = VIEW_IDS.indexOf(current);
    const next =
      e.key === 'ArrowRight'
        ? VIEW_IDS[(i + 1) % VIEW_IDS.length]
        : e.key === 'ArrowLeft'
          ? VIEW_IDS[(i - 1 + VIEW_IDS.length) % VIEW_IDS.length]
          : e.key === 'Home'
            ? VIEW_IDS[0]
            : e.key === 'End'
              ? VIEW_IDS[VIEW_IDS.length - 1]
              : undefined;
    if (next) {
      e.preventDefault();
      select(next, true);
    }
  };

  return (
    <>
      <div className="xp-active">
        <span className="xp-field-label">{t('explore.analysis.activeLabel')}</span>
        <strong data-no-i18n>{dataset.meta.name}</strong>
        {dataset.meta.synthetic ? (
          <span className="xp-tag xp-tag-synthetic">{t('explore.datasets.synthetic')}</span>
        ) : null}
        <span className="xp-muted" data-no-i18n>
          {formatCount(dataset.table.rowCount, lang)} ×{' '}
          {formatCount(dataset.table.columns.length, lang)}
        </span>
        {dataset.log.length > 0 ? (
          <span className="xp-tag">
            <span>{t('explore.datasets.cleaningSteps')}</span>{' '}
            <span data-no-i18n>{dataset.log.length}</span>
          </span>
        ) : null}
      </div>
      {choices.length > 0 ? (
        <div className="xp-row">
          <SelectField
            label={t('explore.analysis.filter')}
            value={filter}
            onChange={setFilter}
            options={[
              { value: '', label: t('explore.analysis.filterAll') },
              ...choices.map((c) => ({
                value: `${c.column}\u0000${c.value}`,
                label: `${c.column} = ${c.value} (${formatCount(c.count, lang)})`,
                data: true,
              })),
            ]}
          />
        </div>
      ) : null}
      <div
        className="xp-tabs"
        role="tablist"
        aria-label={t('explore.analysis.viewsLabel')}
        onKeyDown={onKeyDown}
      >
        {VIEW_IDS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              if (el) tabRefs.current.set(id, el);
              else tabRefs.current.delete(id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${id}`}
            aria-selected={current === id}
            aria-controls={`${baseId}-panel-${id}`}
            tabIndex={current === id ? 0 : -1}
            className="xp-tab"
            onClick={() => select(id)}
          >
            {t(`explore.analysis.tabs.${id}`)}
          </button>
        ))}
      </div>
      {VIEW_IDS.map((id) => {
        const View = VIEWS[id];
        return (
          <div
            key={id}
            role="tabpanel"
            id={`${baseId}-panel-${id}`}
            aria-labelledby={`${baseId}-tab-${id}`}
            hidden={current !== id}
            className="xp-panel"
          >
            {visited.includes(id) ? (
              <ViewBoundary
                fallback={t('explore.common.viewFailed')}
                resetKey={String(dataset.version)}
              >
                <Suspense fallback={<Busy>{t('explore.common.loadingView')}</Busy>}>
                  <View dataset={dataset} active={current === id} />
                </Suspense>
              </ViewBoundary>
            ) : null}
          </div>
        );
      })}
    </>
  );
}
