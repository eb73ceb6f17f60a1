import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../data/analysis/resample';
import { useAppStore } from '../../../store/app-store';
import { analysis } from '../lib/analysis';
import { Busy, Notice, Segmented } from '../ui';
import { CoverageTable } from './coverage-table';
import type { DatasetMeta } from '../../../data/dataset-db/dataset-record';

type StepName = '10min' | 'hour' | 'day';

/**
 * Join several files on time: each is resampled to one step on a shared axis (mean for states,
 * sum for rain, per the column's quantity) and the result is saved as a new dataset.
 */
export function JoinSection() {
  const { t } = useTranslation();
  const datasets = useAppStore((s) => s.datasets);
  const openDataset = useAppStore((s) => s.openDataset);
  const addDataset = useAppStore((s) => s.addDataset);
  const setActive = useAppStore((s) => s.setActiveDataset);
  const files = datasets.filter((m) => m.kind === 'file');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [step, setStep] = useState<StepName>('hour');
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'running' }
    | { status: 'done'; meta: DatasetMeta }
    | { status: 'error'; message: 'needSources' | 'tooManyBins' | 'failed' }
  >({ status: 'idle' });
  const headingId = useId();

  const hasTime = (m: DatasetMeta) => m.columns.some((c) => c.kind === 'datetime');
  // Default: every file with a time column.
  const selected = chosen ?? files.filter(hasTime).map((m) => m.id);

  const run = async () => {
    // By name, so the joined table's name and column order do not depend on reading order.
    const sources = files
      .filter((m) => selected.includes(m.id) && hasTime(m))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (sources.length === 0) {
      setState({ status: 'error', message: 'needSources' });
      return;
    }
    setState({ status: 'running' });
    try {
      const client = await analysis();
      const tables = await Promise.all(
        sources.map(async (m) => {
          const record = await openDataset(m.id);
          if (!record) throw new Error('open failed');
          return record.cleaningLog.length > 0
            ? client.applyLog(record.data.table, record.cleaningLog)
            : record.data.table;
        }),
      );
      const result = await client.joinOnTime(tables, step as Step);
      const meta = await addDataset({
        name: result.table.name,
        kind: 'joined',
        origin: 'derived',
        synthetic: sources.some((m) => m.synthetic),
        table: result.table,
        join: { step: result.step, sourceIds: sources.map((m) => m.id), coverage: result.coverage },
      });
      setActive(meta.id);
      setState({ status: 'done', meta });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      setState({ status: 'error', message: /maxBins/.test(text) ? 'tooManyBins' : 'failed' });
    }
  };

  if (files.length === 0) return null;
  return (
    <section className="xp-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('explore.join.heading')}
      </h2>
      <p className="xp-muted">{t('explore.join.lead')}</p>
      <fieldset className="xp-chips-field">
        <legend className="xp-field-label">{t('explore.join.sourcesLabel')}</legend>
        <div className="xp-chips">
          {files.map((m) => {
            const ok = hasTime(m);
            const on = ok && selected.includes(m.id);
            return (
              <button
                key={m.id}
                type="button"
                className="xp-chip"
                aria-pressed={on}
                disabled={!ok}
                onClick={() =>
                  setChosen(on ? selected.filter((id) => id !== m.id) : [...selected, m.id])
                }
              >
                <span data-no-i18n>{m.name}</span>
                {ok ? null : <span className="xp-tag">{t('explore.join.noTime')}</span>}
              </button>
            );
          })}
        </div>
      </fieldset>
      <div className="xp-row">
        <Segmented
          label={t('explore.join.stepLabel')}
          value={step}
          onChange={setStep}
          options={[
            { value: '10min', label: t('explore.join.step10min') },
            { value: 'hour', label: t('explore.join.stepHour') },
            { value: 'day', label: t('explore.join.stepDay') },
          ]}
        />
        <button
          type="button"
          className="button button-primary xp-align-end"
          disabled={state.status === 'running'}
          onClick={() => void run()}
        >
          {t('explore.join.run')}
        </button>
      </div>
      {state.status === 'running' ? <Busy>{t('explore.join.running')}</Busy> : null}
      {state.status === 'error' ? (
        <Notice tone="error">{t(`explore.join.${state.message}`)}</Notice>
      ) : null}
      {state.status === 'done' && state.meta.join ? (
        <>
          <h3 className="xp-subheading">{t('explore.join.coverageHeading')}</h3>
          <p className="xp-muted" data-no-i18n>
            {state.meta.name}
          </p>
          <CoverageTable coverage={state.meta.join.coverage} />
        </>
      ) : null}
    </section>
  );
}
