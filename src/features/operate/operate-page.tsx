import { lazy, Suspense, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { latestEntry, recentInputs } from '../../data/operator-log/log-entry';
import type { InputRecord } from '../../domain/input-record';
import type { PredictResult } from '../../ml/engine/engine-api';
import { SENSOR_FLATLINE_REPORTS } from '../../ml/engine/thresholds';
import { useAppStore } from '../../store/app-store';
import { Answer } from './answer-panel';
import { DosingSettingsPanel } from './dosing-settings';
import { buildRecord, plantInput, reportTimeInput, resolveForm } from './form-model';
import { LoadStatus } from './load-status';
import { LogRecordForm } from './log-record-form';
import { LogTable } from './log-table';
import { PackPanel } from './pack-panel';
import { ReadingForm } from './reading-form';
import { ReversePanel } from './reverse-panel';
import { installTestHook, noteRequest } from './test-hook';
import { useEngine } from './use-engine';
import { useKeyedAsync } from './use-keyed-async';
import { useManifest } from './use-manifest';
import { useWallClock } from './use-wall-clock';
import './operate.css';

// recharts is only needed once there is a dose to explain.
const WhyDose = lazy(() => import('./why-dose'));

/** Recent reports passed to the sensor checks: enough for the flatline window. */
const RECENT_REPORTS = SENSOR_FLATLINE_REPORTS - 1;
/** Debounce of the live recomputation, ms. */
const PREDICT_DELAY_MS = 250;

interface Computed {
  record: InputRecord;
  result: PredictResult;
}

/** Operator's dose screen (#/operar). */
export function OperatePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const packId = useAppStore((s) => s.activePackId);
  const entries = useAppStore((s) => s.logEntries);
  const loadLog = useAppStore((s) => s.loadLog);
  const dosing = useAppStore((s) => s.dosing);
  const edits = useAppStore((s) => s.readingEdits);
  const setReadingEdit = useAppStore((s) => s.setReadingEdit);
  const { state: engineState, retry } = useEngine(packId);
  const lightManifest = useManifest(packId);
  const now = useWallClock();
  const packRef = useRef<HTMLHeadingElement>(null);
  const settingsRef = useRef<HTMLHeadingElement>(null);
  const logRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    installTestHook();
    void loadLog();
  }, [loadLog]);

  const engine = engineState.status === 'ready' ? engineState.engine : null;
  const manifest = engine?.manifest ?? lightManifest;
  const form = manifest ? resolveForm(manifest, edits, { now, entries, language: lang }) : null;
  const record = manifest && form ? buildRecord(manifest, form.values) : null;
  const recent =
    form && record ? recentInputs(entries, form.plant, form.reportTime, RECENT_REPORTS) : [];
  const key = engine && record ? `${packId}|${JSON.stringify([record, recent])}` : null;

  const live = useKeyedAsync<Computed>(
    key,
    async () => {
      if (!engine || !record) throw new Error('no engine');
      noteRequest(record, recent);
      return { record, result: await engine.predict(record, recent) };
    },
    PREDICT_DELAY_MS,
  );
  // Never show an answer computed by another pack's engine.
  const done = live.valueKey?.startsWith(`${packId}|`) ? live.value : undefined;
  const result = done?.result;
  const prediction = result?.ok ? result.prediction : null;
  const issues = result ? (result.ok ? result.prediction.issues : result.issues) : [];
  const onlyUntouchedMissing =
    result !== undefined &&
    !result.ok &&
    result.issues.every(
      (i) =>
        i.code === 'missing-value' &&
        form?.automatic.has(i.input) === true &&
        (form?.values[i.input] ?? '') === '',
    );
  const okKey = prediction && live.valueKey ? live.valueKey : null;
  // What gets logged is what the shown answer was computed from.
  const plantId = manifest ? plantInput(manifest)?.id : undefined;
  const timeId = manifest ? reportTimeInput(manifest)?.id : undefined;
  const loggedPlant = done && plantId ? done.record[plantId] : null;
  const loggedTime = done && timeId ? done.record[timeId] : null;

  const jump = (ref: RefObject<HTMLHeadingElement | null>) => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  };
  const title = manifest?.title[lang];

  return (
    <div className="operate">
      <PageHeader title={t('operate.title')} />
      <div className="operate-bar">
        <p className="pack-line">
          <span>{t('operate.pack.current')}</span>{' '}
          <strong data-no-i18n data-testid="active-pack">
            {title ?? packId}
          </strong>
        </p>
        <div className="jump-nav" role="group" aria-label={t('operate.skipTo.label')}>
          <span className="jump-label" aria-hidden="true">
            {t('operate.skipTo.label')}
          </span>
          <button type="button" className="button" onClick={() => jump(logRef)}>
            {t('operate.skipTo.log')}
          </button>
          <button type="button" className="button" onClick={() => jump(packRef)}>
            {t('operate.skipTo.pack')}
          </button>
          <button type="button" className="button" onClick={() => jump(settingsRef)}>
            {t('operate.skipTo.settings')}
          </button>
        </div>
      </div>

      <div className="operate-top">
        <section className="panel readings" aria-labelledby="operate-readings-heading">
          <h2 className="section-title" id="operate-readings-heading">
            {t('operate.form.heading')}
          </h2>
          {manifest && form ? (
            <ReadingForm
              manifest={manifest}
              form={form}
              onEdit={setReadingEdit}
              issues={issues}
              lastEntry={latestEntry(entries, form.plant)}
            />
          ) : engineState.status === 'error' ? (
            <p className="calm-line">{t('operate.load.errorTitle')}</p>
          ) : (
            <p className="calm-line">{t('operate.load.loading')}</p>
          )}
        </section>

        <div className="answer-column">
          <section
            className="panel answer-panel"
            aria-labelledby="operate-answer-heading"
            data-testid="answer-panel"
          >
            <h2 className="section-title" id="operate-answer-heading">
              {t('operate.answer.heading')}
            </h2>
            {!engine ? (
              <LoadStatus state={engineState} onRetry={retry} />
            ) : live.failed ? (
              <p className="calm-line">{t('operate.load.error.unknown')}</p>
            ) : !result ? (
              <p className="calm-line">{t('operate.answer.computing')}</p>
            ) : prediction && manifest && done ? (
              <Answer
                manifest={manifest}
                prediction={prediction}
                record={done.record}
                dosing={dosing}
                stale={live.pending}
                onOpenSettings={() => jump(settingsRef)}
              />
            ) : onlyUntouchedMissing ? (
              <p className="calm-line" data-testid="answer-waiting">
                {t('operate.answer.waiting')}
              </p>
            ) : (
              <p className="answer-invalid" data-testid="answer-invalid">
                {t('operate.answer.invalid')}
              </p>
            )}
          </section>
          <LogRecordForm
            packId={packId}
            record={prediction && done ? done.record : null}
            prediction={prediction}
            plant={typeof loggedPlant === 'string' ? loggedPlant : null}
            reportTime={typeof loggedTime === 'number' ? loggedTime : now}
          />
        </div>
      </div>

      {engine && prediction && done && okKey ? (
        <Suspense fallback={<p className="calm-line panel">{t('operate.why.calculating')}</p>}>
          <WhyDose
            engine={engine}
            record={done.record}
            recordKey={okKey}
            dose={prediction.dose.value}
          />
        </Suspense>
      ) : null}

      <ReversePanel
        engine={engine}
        record={prediction && done ? done.record : null}
        recordKey={okKey}
      />
      <LogTable manifest={manifest} headingRef={logRef} />
      <PackPanel manifest={manifest} headingRef={packRef} />
      <DosingSettingsPanel headingRef={settingsRef} />
    </div>
  );
}
