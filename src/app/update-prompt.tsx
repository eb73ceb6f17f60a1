import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * "Update available": a new build (and possibly new model packs) waits until the operator
 * accepts it, so the dose model never changes under someone in the middle of a decision.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="status">
      <span>{t('pwa.updateAvailable')}</span>
      <button
        type="button"
        className="button button-primary"
        onClick={() => void updateServiceWorker(true)}
      >
        {t('pwa.update')}
      </button>
      <button type="button" className="button" onClick={() => setNeedRefresh(false)}>
        {t('pwa.later')}
      </button>
    </div>
  );
}
