import { useEffect, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackManifest } from '../../domain/pack-manifest';
import type { PackSummary } from '../../ml/engine/engine-api';
import { useAppStore } from '../../store/app-store';
import { listAllPacks } from '../../store/pack-sources';
import { formatDate, formatFixed } from './format';

/** Test-set MAE of the ensemble and of persistence (repeat the previous dose), when present. */
export function verdictOf(manifest: PackManifest): {
  ensemble?: number;
  persistence?: number;
  better?: boolean;
} {
  const rows = manifest.heads.dose.metrics.filter((m) => m.scope === 'all');
  const ensemble = rows.find((m) => m.model === 'ensemble')?.mae;
  const persistence = rows.find((m) => m.model === 'baseline: persistence')?.mae;
  return {
    ensemble,
    persistence,
    better:
      ensemble !== undefined && persistence !== undefined ? ensemble < persistence : undefined,
  };
}

interface PackPanelProps {
  /** The active pack's manifest, once known. */
  manifest: PackManifest | null;
  headingRef?: Ref<HTMLHeadingElement>;
}

/** Choose the active pack; see where its data came from and how it fared against persistence. */
export function PackPanel({ manifest, headingRef }: PackPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const activePackId = useAppStore((s) => s.activePackId);
  const setActivePack = useAppStore((s) => s.setActivePack);
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [listFailed, setListFailed] = useState(false);

  useEffect(() => {
    let live = true;
    // Shipped packs, then packs kept on this device (trained or imported in the Models area).
    listAllPacks().then(
      (list) => {
        if (live) setPacks(list);
      },
      () => {
        if (live) setListFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const options = packs ?? [];
  const known = options.some((p) => p.id === activePackId);
  const verdict = manifest ? verdictOf(manifest) : null;

  return (
    <section className="panel" aria-labelledby="operate-pack-heading" id="operate-pack">
      <h2 className="section-title" id="operate-pack-heading" tabIndex={-1} ref={headingRef}>
        {t('operate.pack.heading')}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor="operate-pack-select">
          {t('operate.pack.select')}
        </label>
        <select
          id="operate-pack-select"
          className="field-input field-select"
          data-no-i18n
          value={activePackId}
          onChange={(e) => setActivePack(e.target.value)}
        >
          {!known ? <option value={activePackId}>{activePackId}</option> : null}
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title[lang]}
            </option>
          ))}
        </select>
      </div>
      {listFailed ? <p className="calm-note">{t('operate.pack.listFailed')}</p> : null}
      {manifest ? (
        <>
          <dl className="facts pack-facts">
            <div>
              <dt>{t('operate.pack.source')}</dt>
              <dd data-no-i18n>
                {manifest.dataSource.name} ({manifest.dataSource.licence})
              </dd>
            </div>
            <div>
              <dt>{t('operate.pack.period')}</dt>
              <dd data-no-i18n>
                {manifest.dataSource.firstDate.slice(0, 10)} –{' '}
                {manifest.dataSource.lastDate.slice(0, 10)}
              </dd>
            </div>
            <div>
              <dt>{t('operate.pack.trained')}</dt>
              <dd data-no-i18n>{formatDate(manifest.createdAt, lang)}</dd>
            </div>
            {verdict?.ensemble !== undefined ? (
              <div>
                <dt>{t('operate.pack.maeEnsemble')}</dt>
                <dd data-no-i18n>{formatFixed(verdict.ensemble, lang, 2)}</dd>
              </div>
            ) : null}
            {verdict?.persistence !== undefined ? (
              <div>
                <dt>{t('operate.pack.maePersistence')}</dt>
                <dd data-no-i18n>{formatFixed(verdict.persistence, lang, 2)}</dd>
              </div>
            ) : null}
          </dl>
          <p className="verdict" data-testid="pack-verdict">
            {verdict?.better === true
              ? t('operate.pack.verdictBetter')
              : verdict?.better === false
                ? t('operate.pack.verdictWorse')
                : t('operate.pack.verdictUnknown')}
          </p>
        </>
      ) : null}
      <p>
        {/* The Models area shows the cards; it cannot take a pack parameter in the hash yet. */}
        <a className="button-link button-link-secondary" href="#/modelos">
          {t('operate.pack.modelCard')}
        </a>
      </p>
    </section>
  );
}
