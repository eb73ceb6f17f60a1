import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './page.css';

interface UnderConstructionProps {
  /** Translated list of what the area will offer once built. */
  planned: readonly string[];
}

/** Honest placeholder for an area that is not built yet: no fake data. */
export function UnderConstruction({ planned }: UnderConstructionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="construction" aria-labelledby={headingId}>
      <p className="construction-status">
        <span className="status-tag">{t('status.inProgress')}</span>
        <span>{t('status.inProgressBody')}</span>
      </p>
      <h2 id={headingId} className="section-title">
        {t('status.plannedHeading')}
      </h2>
      <ul className="planned-list">
        {planned.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
