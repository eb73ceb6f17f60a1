import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../store/app-store';
import { Verdict } from '../card/verdict';
import { dateTime, fixed } from '../lib/format';
import { Busy, Facts, Notice } from '../ui';
import type { ListStatus, PackEntry } from './use-packs';

export interface PackActions {
  onOpenCard: (id: string) => void;
  onActivate: (id: string) => void;
  onExport: (entry: PackEntry) => void;
  onDelete: (entry: PackEntry) => void;
  /** Id of the pack being exported, if any. */
  exporting: string | null;
}

/** A pack's origin in words. */
export function OriginTag({ entry }: { entry: PackEntry }) {
  const { t } = useTranslation();
  return (
    <span className="md-tag">
      {entry.source === 'shipped'
        ? t('models.list.origin.shipped')
        : entry.local?.origin === 'imported'
          ? t('models.list.origin.imported')
          : t('models.list.origin.trained')}
    </span>
  );
}

/** The buttons of a pack: card, use in Operate (or go there), export, delete (local only). */
export function PackButtons({
  entry,
  actions,
  withCard = true,
}: {
  entry: PackEntry;
  actions: PackActions;
  withCard?: boolean;
}) {
  const { t } = useTranslation();
  const active = useAppStore((s) => s.activePackId) === entry.id;
  return (
    <div className="md-actions">
      {withCard ? (
        <button
          type="button"
          className="button"
          disabled={!entry.manifest}
          onClick={() => actions.onOpenCard(entry.id)}
        >
          {t('models.list.openCard')}
        </button>
      ) : null}
      {active ? (
        <a className="button-link" href="#/operar">
          {t('models.list.goOperate')}
        </a>
      ) : (
        <button
          type="button"
          className="button"
          disabled={!entry.manifest}
          onClick={() => actions.onActivate(entry.id)}
        >
          {t('models.list.activate')}
        </button>
      )}
      <button
        type="button"
        className="button"
        disabled={!entry.manifest || actions.exporting !== null}
        onClick={() => actions.onExport(entry)}
      >
        {actions.exporting === entry.id ? t('models.list.exporting') : t('models.list.export')}
      </button>
      {entry.source === 'local' ? (
        <button type="button" className="button" onClick={() => actions.onDelete(entry)}>
          {t('models.list.delete')}
        </button>
      ) : null}
    </div>
  );
}

function PackItem({ entry, actions }: { entry: PackEntry; actions: PackActions }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const active = useAppStore((s) => s.activePackId) === entry.id;
  const m = entry.manifest;
  return (
    <li
      className={`md-pack${active ? ' md-pack-active' : ''}`}
      data-testid="pack-item"
      data-pack-id={entry.id}
      data-source={entry.source}
      aria-labelledby={`md-pack-${entry.id}`}
    >
      <div className="md-pack-head">
        <h3 className="md-pack-title" id={`md-pack-${entry.id}`} data-no-i18n>
          {entry.title[lang]}
        </h3>
        <div className="md-tags">
          <OriginTag entry={entry} />
          {active ? (
            <span className="md-tag md-tag-active" data-testid="active-tag">
              {t('models.list.active')}
            </span>
          ) : null}
        </div>
      </div>
      {m ? (
        <>
          <Facts
            className="md-facts-inline"
            items={[
              { label: t('models.list.created'), value: dateTime(m.createdAt, lang) },
              { label: t('models.list.data'), value: m.dataSource.name },
              { label: t('models.list.rows'), value: fixed(m.dataSource.rows, lang, 0) },
            ]}
          />
          <Verdict head={m.heads.dose} />
        </>
      ) : entry.failed ? (
        <Notice tone="error">{t('models.list.manifestFailed')}</Notice>
      ) : (
        <Busy>{t('models.list.loading')}</Busy>
      )}
      <PackButtons entry={entry} actions={actions} />
    </li>
  );
}

/** Every pack: shipped ones, then this device's; each with its verdict and actions. */
export function PackList({
  entries,
  shipped,
  local,
  actions,
  focusHeading,
}: {
  entries: PackEntry[];
  shipped: ListStatus;
  local: ListStatus;
  actions: PackActions;
  focusHeading: boolean;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus({ preventScroll: true });
  }, [focusHeading]);
  return (
    <section className="md-packs" aria-labelledby="md-packs-heading">
      <h2 className="md-h2" id="md-packs-heading" tabIndex={-1} ref={heading}>
        {t('models.list.heading')}
      </h2>
      {shipped === 'loading' ? <Busy>{t('models.list.loading')}</Busy> : null}
      {shipped === 'error' ? <Notice tone="error">{t('models.list.shippedFailed')}</Notice> : null}
      {local === 'error' ? <Notice tone="error">{t('models.list.localFailed')}</Notice> : null}
      <ul className="md-pack-list" data-testid="pack-list">
        {entries.map((e) => (
          <PackItem key={`${e.source}:${e.id}`} entry={e} actions={actions} />
        ))}
      </ul>
    </section>
  );
}
