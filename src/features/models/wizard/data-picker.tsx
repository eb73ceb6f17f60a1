import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetMeta, DatasetOrigin } from '../../../data/dataset-db/dataset-record';
import { isIngestError } from '../../../data/ingest/ingest-report';
import { parseFileInWorker } from '../../../data/workers/ingest-client';
import { useAppStore } from '../../../store/app-store';
import { fixed, percent } from '../lib/format';
import { Busy, Message, Notice } from '../ui';
import { usableTable } from './wizard-model';

/** The synthetic basin's intake file: one table with readings and the jar-test dose. */
export const SAMPLE = {
  path: 'samples/cuenca-sintetica/bocatoma-planta.csv',
  name: 'bocatoma-planta.csv',
} as const;

type Reading =
  { status: 'idle' } | { status: 'reading'; progress: number } | { status: 'error'; code: string };

/**
 * Choose the table to train on: a dataset the explorer saved (IndexedDB), or load one here, the
 * synthetic basin sample or a CSV file, through the explorer's ingest worker (the dataset is then
 * saved for the explorer too).
 */
export function DataPicker({
  datasetId,
  onChange,
}: {
  datasetId: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const datasets = useAppStore((s) => s.datasets);
  const status = useAppStore((s) => s.datasetsStatus);
  const loadDatasets = useAppStore((s) => s.loadDatasets);
  const addDataset = useAppStore((s) => s.addDataset);
  const [reading, setReading] = useState<Reading>({ status: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const selectId = useId();

  useEffect(() => {
    void loadDatasets();
    return () => controller.current?.abort();
  }, [loadDatasets]);

  const activeDatasetId = useAppStore((s) => s.activeDatasetId);
  const usable = datasets.filter((d) => usableTable(d.columns));
  // Start with the dataset open in the explorer, else the newest usable one. The explorer's
  // dataset is taken even when it cannot be trained on, so the wizard can say why.
  const first =
    (datasets.find((d) => d.id === activeDatasetId) ?? usable[0] ?? datasets[0])?.id ?? null;
  useEffect(() => {
    if (datasetId === null && first !== null) onChange(first);
  }, [datasetId, first, onChange]);

  const hasSample = datasets.some((d) => d.origin === 'sample-synthetic' && d.name === SAMPLE.name);

  async function ingest(file: File, origin: DatasetOrigin) {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setReading({ status: 'reading', progress: 0 });
    try {
      const { table, report } = await parseFileInWorker(
        file,
        { name: file.name },
        (done, total) => setReading({ status: 'reading', progress: total > 0 ? done / total : 0 }),
        ac.signal,
      );
      const meta = await addDataset({
        name: file.name,
        kind: 'file',
        origin,
        synthetic: origin === 'sample-synthetic',
        table,
        report,
        options: {},
        source: file,
      });
      setReading({ status: 'idle' });
      onChange(meta.id);
    } catch (e) {
      if (ac.signal.aborted) return;
      setReading({ status: 'error', code: isIngestError(e) ? e.code : 'worker-failed' });
    }
  }

  async function loadSample() {
    setReading({ status: 'reading', progress: 0 });
    try {
      const res = await fetch(`${import.meta.env.BASE_URL}${SAMPLE.path}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const file = new File([await res.blob()], SAMPLE.name, { type: 'text/csv' });
      await ingest(file, 'sample-synthetic');
    } catch {
      setReading({ status: 'error', code: 'network' });
    }
  }

  const label = (d: DatasetMeta) =>
    `${d.name} · ${fixed(d.rowCount, lang, 0)} ${t('models.wizard.data.rows')}${
      usableTable(d.columns) ? '' : ` · ${t('models.wizard.data.unusableTag')}`
    }`;

  return (
    <section className="md-data-picker" aria-labelledby={`${selectId}-heading`}>
      <h3 className="md-h3" id={`${selectId}-heading`}>
        {t('models.wizard.data.heading')}
      </h3>
      {status === 'loading' || status === 'idle' ? (
        <Busy>{t('models.wizard.data.opening')}</Busy>
      ) : null}
      {datasets.length > 0 ? (
        <div className="md-field">
          <label className="md-label" htmlFor={selectId}>
            {t('models.wizard.data.dataset')}
          </label>
          <select
            id={selectId}
            className="md-select"
            data-no-i18n
            data-testid="dataset-select"
            value={datasetId ?? ''}
            onChange={(e) => onChange(e.target.value || null)}
          >
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {label(d)}
              </option>
            ))}
          </select>
          {datasets.find((d) => d.id === datasetId)?.synthetic ? (
            <p className="md-hint">
              <span className="md-tag">{t('models.wizard.data.synthetic')}</span>
            </p>
          ) : null}
        </div>
      ) : status === 'ready' || status === 'error' ? (
        <Notice testId="no-datasets">{t('models.wizard.data.none')}</Notice>
      ) : null}

      <div className="md-actions" role="group" aria-label={t('models.wizard.data.add')}>
        {!hasSample ? (
          <button
            type="button"
            className={`button${usable.length === 0 ? ' button-primary' : ''}`}
            onClick={() => void loadSample()}
            disabled={reading.status === 'reading'}
          >
            {t('models.wizard.data.loadSample')}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() => fileInput.current?.click()}
          disabled={reading.status === 'reading'}
        >
          {t('models.wizard.data.loadFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.txt,text/csv"
          hidden
          data-testid="csv-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void ingest(file, 'upload');
          }}
        />
        <a className="button-link button-link-quiet" href="#/explorar">
          {t('models.wizard.data.explore')}
        </a>
      </div>
      {reading.status === 'reading' ? (
        <Busy>
          {t('models.wizard.data.reading')}{' '}
          <span data-no-i18n>{percent(reading.progress, lang, 0)}</span>
        </Busy>
      ) : null}
      {reading.status === 'error' ? (
        <Notice tone="error">
          <Message text={t('models.wizard.data.readFailed')} data={reading.code} />
        </Notice>
      ) : null}
    </section>
  );
}
