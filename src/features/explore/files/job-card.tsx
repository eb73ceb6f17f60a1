import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, langOf } from '../lib/format';
import { IngestSettings } from './ingest-settings';
import type { FileJob, FileJobs } from './use-file-jobs';

/** A file being read, or one that could not be read: progress, cancel, the error, a retry. */
export function JobCard({ job, actions }: { job: FileJob; actions: FileJobs }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const nameId = useId();
  const busy = job.status === 'queued' || job.status === 'reading';
  // Reading these again with other settings cannot help.
  const hopeless =
    job.error?.code === 'empty-file' ||
    job.error?.code === 'binary-file' ||
    job.error?.code === 'file-too-large';
  return (
    <article
      className={`xp-card xp-job${job.status === 'error' ? ' xp-job-error' : ''}`}
      aria-labelledby={nameId}
      aria-busy={busy}
      data-card="job"
    >
      <header className="xp-card-header">
        <h4 id={nameId} className="xp-card-title" data-no-i18n>
          {job.file.name}
        </h4>
      </header>
      {busy ? (
        <div className="xp-job-progress">
          <span role="status">
            {job.status === 'queued' ? t('explore.files.queued') : t('explore.files.reading')}
          </span>
          <progress
            className="xp-progress"
            max={1}
            value={job.progress}
            aria-label={t('explore.files.progressLabel')}
          />
          <span className="xp-progress-value" data-no-i18n>
            {formatPercent(job.progress, lang, 0)}
          </span>
          <button type="button" className="button" onClick={() => actions.cancel(job.key)}>
            {t('explore.common.cancel')}
          </button>
        </div>
      ) : (
        <>
          {job.status === 'cancelled' ? (
            <p className="xp-muted" role="status">
              {t('explore.files.cancelled')}
            </p>
          ) : (
            <div className="xp-error" role="alert">
              <p className="xp-error-title">{t('explore.files.failed')}</p>
              <p>{t(`explore.errors.${job.error?.code ?? 'worker-failed'}`)}</p>
            </div>
          )}
          {hopeless ? null : (
            <details className="xp-details">
              <summary className="xp-summary">{t('explore.overrides.heading')}</summary>
              <IngestSettings
                options={job.options}
                report={undefined}
                onSubmit={(options) => actions.retry(job.key, options)}
              />
            </details>
          )}
          <div className="xp-actions">
            <button
              type="button"
              className="button"
              onClick={() => actions.retry(job.key, job.options)}
            >
              {t('explore.files.retry')}
            </button>
            <button type="button" className="button" onClick={() => actions.dismiss(job.key)}>
              {t('explore.files.dismiss')}
            </button>
          </div>
        </>
      )}
    </article>
  );
}
