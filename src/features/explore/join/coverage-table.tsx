import { useTranslation } from 'react-i18next';
import type { SourceCoverage } from '../../../data/analysis/resample';
import { formatCount, formatDateTime, formatPercent, langOf } from '../lib/format';

/** How much of the joined axis each source covers. Low coverage is flagged. */
export function CoverageTable({ coverage }: { coverage: readonly SourceCoverage[] }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <div
      className="xp-table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('explore.join.coverageHeading')}
    >
      <table className="xp-table">
        <thead>
          <tr>
            <th scope="col">{t('explore.join.source')}</th>
            <th scope="col" className="num">
              {t('explore.join.coverage')}
            </th>
            <th scope="col" className="num">
              {t('explore.join.binsWithData')}
            </th>
            <th scope="col">{t('explore.join.first')}</th>
            <th scope="col">{t('explore.join.last')}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.map((c) => (
            <tr key={c.source} className={c.coverage < 0.5 ? 'xp-flagged' : undefined}>
              <th scope="row" data-no-i18n>
                {c.source}
              </th>
              <td className="num" data-no-i18n>
                <span className="xp-bar" aria-hidden="true">
                  <span
                    className="xp-bar-fill"
                    style={{ inlineSize: `${Math.round(c.coverage * 100)}%` }}
                  />
                </span>
                {formatPercent(c.coverage, lang)}
              </td>
              <td className="num" data-no-i18n>
                {formatCount(c.binsWithData, lang)}
              </td>
              <td data-no-i18n>{formatDateTime(c.first)}</td>
              <td data-no-i18n>{formatDateTime(c.last)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
