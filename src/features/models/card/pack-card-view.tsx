import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../store/app-store';
import { packCardText } from '../packs/pack-files';
import { OriginTag, PackButtons, type PackActions } from '../packs/pack-list';
import type { PackEntry } from '../packs/use-packs';
import { ModelCard } from './model-card';

/** One pack's model card as a view of its own, with the pack's actions. */
export default function PackCardView({
  entry,
  actions,
  onBack,
}: {
  entry: PackEntry;
  actions: PackActions;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const active = useAppStore((s) => s.activePackId) === entry.id;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [entry.id]);
  return (
    <section className="md-card-view" aria-labelledby="md-card-title" data-testid="card-view">
      <div className="md-view-bar">
        <button type="button" className="button md-back" onClick={onBack}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.5" />
          </svg>
          {t('models.card.back')}
        </button>
      </div>
      <p className="md-kicker">{t('models.card.heading')}</p>
      <h2 className="md-h2" id="md-card-title" tabIndex={-1} ref={heading} data-no-i18n>
        {entry.title[lang]}
      </h2>
      <div className="md-tags">
        <OriginTag entry={entry} />
        {active ? <span className="md-tag md-tag-active">{t('models.list.active')}</span> : null}
      </div>
      <PackButtons entry={entry} actions={actions} withCard={false} />
      {entry.manifest ? (
        <ModelCard
          manifest={entry.manifest}
          idPrefix={`card-${entry.id}`}
          loadMarkdown={() => packCardText(entry)}
        />
      ) : null}
    </section>
  );
}
