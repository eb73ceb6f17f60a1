import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { JobCard } from './job-card';
import { fetchSample, SAMPLE_SETS, type SampleSet } from './samples';
import type { FileJobs } from './use-file-jobs';
import { Notice } from '../ui';

/** Add files: drag and drop, a file picker (several at once) and the two sample sets. */
export function FilesSection({ jobs }: { jobs: FileJobs }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [sampleError, setSampleError] = useState(false);
  const [loadingSample, setLoadingSample] = useState<SampleSet['id'] | null>(null);
  const headingId = useId();

  const addFiles = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length > 0) jobs.enqueue(files, 'upload');
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    addFiles(e.dataTransfer.files);
  };

  const loadSample = async (set: SampleSet) => {
    setSampleError(false);
    setLoadingSample(set.id);
    try {
      jobs.enqueue(await fetchSample(set), set.origin);
    } catch {
      setSampleError(true);
    } finally {
      setLoadingSample(null);
    }
  };

  const standalone = jobs.jobs.filter((j) => j.datasetId === null);

  return (
    <section className="xp-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('explore.files.heading')}
      </h2>
      <div
        className={`xp-dropzone${dragging ? ' xp-dropzone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="xp-dropzone-hint">{t('explore.files.dropHint')}</p>
        <p className="xp-muted">{t('explore.files.or')}</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => inputRef.current?.click()}
        >
          {t('explore.files.pick')}
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          aria-label={t('explore.files.pickLabel')}
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <p className="xp-muted xp-small">{t('explore.files.localOnly')}</p>
      </div>

      <h3 className="xp-subheading">{t('explore.files.samplesHeading')}</h3>
      <div className="xp-samples">
        {SAMPLE_SETS.map((set) => (
          <div key={set.id} className="xp-sample">
            <button
              type="button"
              className="button"
              disabled={loadingSample !== null}
              onClick={() => void loadSample(set)}
            >
              {set.origin === 'sample-synthetic'
                ? t('explore.files.sampleSynthetic')
                : t('explore.files.sampleReal')}
            </button>
            <p className="xp-small">
              <span
                className={set.origin === 'sample-synthetic' ? 'xp-tag xp-tag-synthetic' : 'xp-tag'}
              >
                {set.origin === 'sample-synthetic'
                  ? t('explore.datasets.synthetic')
                  : t('explore.datasets.real')}
              </span>{' '}
              <span>
                {set.origin === 'sample-synthetic'
                  ? t('explore.files.sampleSyntheticNote')
                  : t('explore.files.sampleRealNote')}
              </span>
            </p>
          </div>
        ))}
      </div>
      {sampleError ? <Notice tone="error">{t('explore.files.sampleFailed')}</Notice> : null}

      {standalone.length > 0 ? (
        <>
          <h3 className="xp-subheading">{t('explore.files.jobsHeading')}</h3>
          <div className="xp-cards">
            {standalone.map((job) => (
              <JobCard key={job.key} job={job} actions={jobs} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
