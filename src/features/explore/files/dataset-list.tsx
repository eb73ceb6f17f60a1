import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DatasetMeta,
  DatasetRecord,
  DetectedFormat,
} from '../../../data/dataset-db/dataset-record';
import { useAppStore } from '../../../store/app-store';
import { CoverageTable } from '../join/coverage-table';
import { formatBytes, formatCount, formatStep, langOf } from '../lib/format';
import { Busy, Facts, Notice } from '../ui';
import { IngestReportView } from './ingest-report-view';
import { IngestSettings } from './ingest-settings';
import { JobCard } from './job-card';
import { PreviewTable } from './preview-table';
import type { FileJobs } from './use-file-jobs';

/** The saved datasets, newest first, with "analyse", details, delete and "delete everything". */
export function DatasetList({ jobs }: { jobs: FileJobs }) {
  const { t } = useTranslation();
  const datasets = useAppStore((s) => s.datasets);
  const status = useAppStore((s) => s.datasetsStatus);
  const deleteAll = useAppStore((s) => s.deleteAllDatasets);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const headingId = useId();

  return (
    <section className="xp-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('explore.datasets.heading')}
      </h2>
      <p className="xp-muted">{t('explore.datasets.lead')}</p>
      {status === 'loading' ? <Busy>{t('explore.datasets.loading')}</Busy> : null}
      {status === 'error' ? <Notice tone="error">{t('explore.datasets.loadFailed')}</Notice> : null}
      {datasets.length === 0 && status !== 'loading' ? (
        <p>{deleted ? t('explore.datasets.deletedAll') : t('explore.datasets.empty')}</p>
      ) : null}
      <div className="xp-cards">
        {datasets.map((meta) => (
          <DatasetCard key={meta.id} meta={meta} jobs={jobs} />
        ))}
      </div>
      {datasets.length > 0 ? (
        <div className="xp-delete-all">
          {confirming ? (
            <div className="xp-confirm" role="alertdialog" aria-labelledby={`${headingId}-confirm`}>
              <p id={`${headingId}-confirm`}>{t('explore.datasets.deleteAllConfirm')}</p>
              <div className="xp-actions">
                <button
                  type="button"
                  className="button xp-button-danger"
                  onClick={() => {
                    setConfirming(false);
                    setDeleted(true);
                    void deleteAll();
                  }}
                >
                  {t('explore.datasets.deleteAllYes')}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {t('explore.common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('explore.datasets.deleteAll')}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}

function DatasetCard({ meta, jobs }: { meta: DatasetMeta; jobs: FileJobs }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const activeId = useAppStore((s) => s.activeDatasetId);
  const setActive = useAppStore((s) => s.setActiveDataset);
  const deleteDataset = useAppStore((s) => s.deleteDataset);
  const unsaved = useAppStore((s) => s.unsavedDatasetIds.includes(meta.id));
  const [open, setOpen] = useState(false);
  const nameId = useId();
  const detailsId = useId();
  const active = activeId === meta.id;
  const job = jobs.jobs.find((j) => j.datasetId === meta.id);

  return (
    <article
      className={`xp-card${active ? ' xp-card-active' : ''}`}
      aria-labelledby={nameId}
      data-card="dataset"
    >
      <header className="xp-card-header">
        <h3 id={nameId} className="xp-card-title" data-no-i18n>
          {meta.name}
        </h3>
        <div className="xp-tags">
          <span className="xp-tag">
            {meta.kind === 'file'
              ? t('explore.datasets.kindFile')
              : t('explore.datasets.kindJoined')}
          </span>
          {meta.synthetic ? (
            <span className="xp-tag xp-tag-synthetic">{t('explore.datasets.synthetic')}</span>
          ) : meta.origin === 'sample-real' ? (
            <span className="xp-tag">{t('explore.datasets.real')}</span>
          ) : null}
        </div>
      </header>
      <Facts
        className="xp-facts-inline"
        items={[
          { label: t('explore.common.rows'), value: formatCount(meta.rowCount, lang) },
          { label: t('explore.common.columns'), value: formatCount(meta.columns.length, lang) },
          { label: t('explore.datasets.size'), value: formatBytes(meta.bytes, lang) },
          ...(meta.join
            ? [{ label: t('explore.datasets.step'), value: formatStep(meta.join.step, lang) }]
            : []),
        ]}
      />
      {meta.detected ? <DetectedLine detected={meta.detected} /> : null}
      {unsaved ? <Notice tone="warning">{t('explore.datasets.unsaved')}</Notice> : null}
      <div className="xp-actions">
        <button
          type="button"
          className={`button${active ? '' : ' button-primary'}`}
          aria-pressed={active}
          onClick={() => setActive(meta.id)}
        >
          {active ? t('explore.datasets.analysing') : t('explore.datasets.analyse')}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t('explore.datasets.hideDetails') : t('explore.datasets.details')}
        </button>
        <button type="button" className="button" onClick={() => void deleteDataset(meta.id)}>
          {t('explore.datasets.delete')}
        </button>
      </div>
      {job ? <JobCard job={job} actions={jobs} /> : null}
      <div id={detailsId} hidden={!open}>
        {open ? <DatasetDetails meta={meta} jobs={jobs} /> : null}
      </div>
    </article>
  );
}

/** The detected format at a glance: encoding, delimiter, decimal separator, date order. */
function DetectedLine({ detected }: { detected: DetectedFormat }) {
  const { t } = useTranslation();
  const delimiter: Record<string, string> = {
    ',': t('explore.dialect.comma'),
    ';': t('explore.dialect.semicolon'),
    '\t': t('explore.dialect.tab'),
    '|': t('explore.dialect.pipe'),
  };
  const dateOrder = {
    day: t('explore.dialect.dayFirst'),
    month: t('explore.dialect.monthFirst'),
    year: t('explore.dialect.yearFirst'),
    none: t('explore.dialect.noDates'),
  }[detected.dateOrder];
  return (
    <Facts
      className="xp-facts-inline xp-facts-detected"
      items={[
        { label: t('explore.report.encoding'), value: detected.encoding },
        {
          label: t('explore.report.delimiter'),
          value: delimiter[detected.delimiter] ?? detected.delimiter,
          data: delimiter[detected.delimiter] === undefined,
        },
        {
          label: t('explore.report.decimal'),
          value:
            detected.decimal === ','
              ? t('explore.dialect.decimalComma')
              : t('explore.dialect.decimalPoint'),
          data: false,
        },
        { label: t('explore.report.dateOrder'), value: dateOrder, data: false },
      ]}
    />
  );
}

function DatasetDetails({ meta, jobs }: { meta: DatasetMeta; jobs: FileJobs }) {
  const { t } = useTranslation();
  const openDataset = useAppStore((s) => s.openDataset);
  const [record, setRecord] = useState<DatasetRecord | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    openDataset(meta.id).then(
      (r) => live && setRecord(r ?? null),
      () => live && setRecord(null),
    );
    return () => {
      live = false;
    };
  }, [openDataset, meta.id, meta.updatedAt]);

  if (record === undefined) return <Busy>{t('explore.analysis.opening')}</Busy>;
  if (record === null) return <Notice tone="error">{t('explore.datasets.openFailed')}</Notice>;
  const { data } = record;
  return (
    <div className="xp-details-body">
      {meta.join ? (
        <>
          <h4 className="xp-subheading">{t('explore.join.coverageHeading')}</h4>
          <CoverageTable coverage={meta.join.coverage} />
          <h4 className="xp-subheading">{t('explore.report.previewHeading')}</h4>
          <PreviewTable table={data.table} rows={8} />
        </>
      ) : data.report ? (
        <IngestReportView report={data.report} table={data.table} />
      ) : (
        <PreviewTable table={data.table} rows={8} />
      )}
      {meta.kind === 'file' ? (
        data.source ? (
          <IngestSettings
            key={meta.updatedAt}
            options={data.options ?? {}}
            report={data.report}
            onSubmit={(options) =>
              jobs.enqueue(
                [
                  data.source instanceof File
                    ? data.source
                    : new File([data.source as Blob], meta.name),
                ],
                meta.origin,
                options,
                meta.id,
              )
            }
          />
        ) : (
          <p className="xp-muted">{t('explore.overrides.noSource')}</p>
        )
      ) : null}
    </div>
  );
}
