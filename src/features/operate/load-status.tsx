import { useTranslation } from 'react-i18next';
import type { EngineState } from './use-engine';
import { ErrorIcon } from './fields';

/** Engine load progress by stage, or the translated reason it failed (with a retry). */
export function LoadStatus({ state, onRetry }: { state: EngineState; onRetry: () => void }) {
  const { t } = useTranslation();
  if (state.status === 'ready') return null;
  if (state.status === 'error') {
    const retryable = state.code === 'network' || state.code === 'unknown';
    return (
      <div className="load-error" role="alert" data-testid="load-error" data-code={state.code}>
        <p className="load-error-title">
          <ErrorIcon />
          <span>{t('operate.load.errorTitle')}</span>
        </p>
        <p>{t(`operate.load.error.${state.code}`)}</p>
        {retryable ? (
          <button type="button" className="button" onClick={onRetry}>
            {t('operate.load.retry')}
          </button>
        ) : null}
      </div>
    );
  }
  const stage = state.progress?.stage;
  const fraction = state.progress?.fraction ?? 0;
  return (
    <div className="load-status" role="status" data-testid="load-status">
      <p className="load-stage">
        {stage ? t(`operate.load.stage.${stage}`) : t('operate.load.loading')}
      </p>
      <progress
        className="load-progress"
        max={1}
        value={fraction}
        aria-label={t('operate.load.progressLabel')}
      />
    </div>
  );
}
