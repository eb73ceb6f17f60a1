import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalPackMeta } from '../../../data/pack-db/pack-record';
import type { TrainedPackFiles } from '../../../ml/training/browser/train-protocol';
import type { TrainingProgress } from '../../../ml/training/progress';
import { verdict } from '../../../ml/training/model-card';
import { ModelCard } from '../card/model-card';
import { MetricsTable } from '../card/metrics-table';
import { isMemberKind } from '../card/names';
import { Verdict } from '../card/verdict';
import { duration, fixed, percent } from '../lib/format';
import { Busy, Message, Notice } from '../ui';

const STAGES = ['split', 'tune', 'fit', 'stack', 'calibrate', 'evaluate', 'export'] as const;
type Stage = (typeof STAGES)[number];
const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);

/**
 * Seconds left, at the pace measured since `mark` (the first progress message after the ridge
 * member: its fits take milliseconds, and counting them would promise a finish far too early).
 * Null until there is enough to go on.
 */
export function etaSeconds(
  p: TrainingProgress | null,
  mark: { at: number; done: number } | null,
  nowMs: number,
): number | null {
  if (!p || !mark || p.total <= 0) return null;
  const units = p.done - mark.done;
  const seconds = (nowMs - mark.at) / 1000;
  if (units <= 0 || seconds < 2) return null;
  return Math.max(0, ((p.total - p.done) * seconds) / units);
}

/** Step 4: a progress bar with the stage, the member being fitted, elapsed time and ETA. */
export function TrainingProgressView({
  progress,
  startedAt,
  onCancel,
}: {
  progress: TrainingProgress | null;
  startedAt: number;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [now, setNow] = useState(() => performance.now());
  const [mark, setMark] = useState<{ at: number; done: number } | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const member = progress?.message.split(':')[0] ?? '';
  const pastRidge =
    progress !== null &&
    progress.stage !== 'split' &&
    !(member === 'ridge' && progress.head === 'dose');
  useEffect(() => {
    if (pastRidge && mark === null && progress)
      setMark({ at: performance.now(), done: progress.done });
  }, [pastRidge, mark, progress]);
  const elapsed = Math.max(0, (now - startedAt) / 1000);
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const eta = etaSeconds(progress, mark, now);
  const stage = progress && isStage(progress.stage) ? progress.stage : null;

  return (
    <div className="md-step-body" data-testid="training-progress">
      <p className="md-prose">{t('models.wizard.training.stay')}</p>
      <div
        className="md-progress"
        role="progressbar"
        aria-label={t('models.wizard.training.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        data-stage={progress?.stage ?? ''}
      >
        <div
          className="md-progress-bar"
          style={{ inlineSize: `${(fraction * 100).toFixed(1)}%` }}
        />
      </div>
      <div className="md-progress-lines" aria-live="polite">
        <p className="md-progress-stage" data-testid="training-stage">
          {stage
            ? t(`models.wizard.training.stage.${stage}`)
            : t('models.wizard.training.starting')}{' '}
          <span className="md-data" data-no-i18n>
            {percent(fraction, lang, 0)}
          </span>
        </p>
        {progress && (stage === 'tune' || stage === 'fit') && isMemberKind(member) ? (
          <p className="md-hint md-progress-member">
            <span>
              {progress.head === 'settled'
                ? t('models.wizard.training.head.settled')
                : t('models.wizard.training.head.dose')}
            </span>
            <span>
              {t('models.wizard.training.member')} {t(`models.member.${member}`)}
            </span>
          </p>
        ) : null}
      </div>
      <dl className="md-facts md-facts-inline">
        <div className="md-fact">
          <dt>{t('models.wizard.training.elapsed')}</dt>
          <dd data-no-i18n data-testid="elapsed">
            {duration(elapsed)}
          </dd>
        </div>
        <div className="md-fact">
          <dt>{t('models.wizard.training.remaining')}</dt>
          {eta === null ? (
            <dd>{t('models.wizard.training.estimating')}</dd>
          ) : (
            <dd data-no-i18n data-testid="eta">
              {duration(eta)}
            </dd>
          )}
        </div>
      </dl>
      <div className="md-actions">
        <button type="button" className="button md-button-danger" onClick={onCancel}>
          {t('models.wizard.training.cancel')}
        </button>
      </div>
    </div>
  );
}

/** A training run that ended without a pack: cancelled or failed. Nothing was saved. */
export function TrainingStopped({
  failed,
  onRetry,
  onBack,
}: {
  failed: string | null;
  onRetry: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="md-step-body">
      {failed === null ? (
        <Notice testId="training-cancelled">{t('models.wizard.training.cancelled')}</Notice>
      ) : (
        <Notice tone="error" testId="training-failed">
          <Message text={t('models.wizard.training.failed')} data={failed} />
        </Notice>
      )}
      <div className="md-actions">
        <button type="button" className="button" onClick={onBack}>
          {t('models.wizard.training.backToSteps')}
        </button>
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('models.wizard.training.retry')}
        </button>
      </div>
    </div>
  );
}

export type SaveState =
  | { status: 'unsaved' }
  | { status: 'saving' }
  | { status: 'saved'; meta: LocalPackMeta }
  | { status: 'invalid' }
  | { status: 'failed'; detail: string };

/** Step 5: the verdict, the test-set metrics, then save (or discard). */
export function ResultView({
  pack,
  save,
  active,
  onSave,
  onDiscard,
  onActivate,
  onOpenCard,
  onAgain,
  onList,
}: {
  pack: TrainedPackFiles;
  save: SaveState;
  active: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onActivate: () => void;
  onOpenCard: () => void;
  onAgain: () => void;
  onList: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const head = pack.manifest.heads.dose;
  return (
    <div className="md-step-body" data-testid="training-result">
      <Verdict head={head} detail />
      <p className="md-prose">
        {t('models.wizard.result.intro')} {t('models.card.errorsIn')}{' '}
        <span data-no-i18n>{head.target.unit}</span>
      </p>
      <MetricsTable rows={head.metrics} testId="result-metrics" />
      <dl className="md-facts md-facts-inline">
        <div className="md-fact">
          <dt>{t('models.card.rows')}</dt>
          <dd data-no-i18n>{fixed(pack.manifest.dataSource.rows, lang, 0)}</dd>
        </div>
        <div className="md-fact">
          <dt>{t('models.wizard.result.trainedIn')}</dt>
          <dd data-no-i18n data-testid="trained-seconds">
            {fixed(pack.seconds, lang, 1)} s · {pack.backend}
          </dd>
        </div>
      </dl>
      <details className="md-details">
        <summary>{t('models.wizard.result.fullCard')}</summary>
        <ModelCard manifest={pack.manifest} idPrefix="result-card" />
      </details>

      {save.status === 'saved' ? (
        <>
          <Notice tone="ok" testId="saved">
            {t('models.wizard.result.saved')}
          </Notice>
          {active ? <p className="md-prose">{t('models.wizard.result.activated')}</p> : null}
          <div className="md-actions">
            {!active ? (
              <button type="button" className="button button-primary" onClick={onActivate}>
                {t('models.wizard.result.activate')}
              </button>
            ) : (
              <a className="button-link" href="#/operar">
                {t('models.list.goOperate')}
              </a>
            )}
            <button type="button" className="button" onClick={onOpenCard}>
              {t('models.wizard.result.openCard')}
            </button>
            <button type="button" className="button" onClick={onList}>
              {t('models.wizard.result.toList')}
            </button>
            <button type="button" className="button" onClick={onAgain}>
              {t('models.wizard.result.again')}
            </button>
          </div>
        </>
      ) : (
        <>
          {save.status === 'invalid' ? (
            <Notice tone="error">{t('models.wizard.result.invalid')}</Notice>
          ) : null}
          {save.status === 'failed' ? (
            <Notice tone="error">
              <Message text={t('models.wizard.result.saveFailed')} data={save.detail} />
            </Notice>
          ) : null}
          {save.status === 'saving' ? <Busy>{t('models.wizard.result.saving')}</Busy> : null}
          <div className="md-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={onSave}
              disabled={save.status === 'saving'}
            >
              {t('models.wizard.result.save')}
            </button>
            <button type="button" className="button" onClick={onAgain}>
              {t('models.wizard.result.again')}
            </button>
            <button type="button" className="button" onClick={onDiscard}>
              {t('models.wizard.result.discard')}
            </button>
          </div>
          {!verdict(head).beatsPersistence ? (
            <p className="md-hint">{t('models.wizard.result.notBeatsNote')}</p>
          ) : null}
        </>
      )}
    </div>
  );
}
