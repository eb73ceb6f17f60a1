import { useTranslation } from 'react-i18next';
import type { HeadSpec } from '../../../domain/pack-manifest';
import { verdict } from '../../../ml/training/model-card';
import { fixed } from '../lib/format';
import { ENSEMBLE, PERSISTENCE } from './names';

/**
 * The honest verdict on the held-out test set: does the model beat keeping the last dose? A
 * model that does not is an abnormal state (warning colour): it must not be used for dosing.
 * `detail` adds both mean absolute errors.
 */
export function Verdict({ head, detail = false }: { head: HeadSpec; detail?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const all = head.metrics.filter((r) => r.scope === 'all');
  const ens = all.find((r) => r.model === ENSEMBLE);
  const pers = all.find((r) => r.model === PERSISTENCE);
  const v = verdict(head);
  const known = ens !== undefined && pers !== undefined;
  const unit = head.target.unit;
  return (
    <div
      className={`md-verdict ${!known ? 'md-verdict-unknown' : v.beatsPersistence ? 'md-verdict-ok' : 'md-verdict-warning'}`}
      data-testid="verdict"
      data-beats={known ? String(v.beatsPersistence) : undefined}
      data-gain={known ? v.maeGainPercent : undefined}
    >
      <p className="md-verdict-text">
        <span>
          {!known ? (
            t('models.verdict.unknown')
          ) : v.beatsPersistence ? (
            <>
              {t('models.verdict.beats')}{' '}
              <strong data-no-i18n>{fixed(v.maeGainPercent, lang, 1)} %</strong>
            </>
          ) : (
            t('models.verdict.notBeats')
          )}
        </span>
      </p>
      {detail && ens && pers ? (
        <dl className="md-verdict-detail">
          <div>
            <dt>{t('models.verdict.maeModel')}</dt>
            <dd data-no-i18n>
              {fixed(ens.mae, lang, 2)} {unit}
            </dd>
          </div>
          <div>
            <dt>{t('models.verdict.maePersistence')}</dt>
            <dd data-no-i18n>
              {fixed(pers.mae, lang, 2)} {unit}
            </dd>
          </div>
        </dl>
      ) : null}
    </div>
  );
}
