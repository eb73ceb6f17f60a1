import { useTranslation } from 'react-i18next';
import type { DataTable } from '../../../data/data-table';
import type { IngestReport, IngestWarning } from '../../../data/ingest/ingest-report';
import type { DateTimeFormatId } from '../../../data/ingest/parse-datetime';
import { langOf, formatBytes, formatCount, formatPercent } from '../lib/format';
import { Facts } from '../ui';
import { PreviewTable } from './preview-table';

/** How each date-time format reads (a pattern, the same in every language). */
const DATE_PATTERNS: Record<DateTimeFormatId, string> = {
  iso: 'YYYY-MM-DD hh:mm',
  dmy: 'DD/MM/YYYY hh:mm',
  mdy: 'MM/DD/YYYY hh:mm',
  ymd: 'YYYY/MM/DD hh:mm',
  compact: 'YYYYMMDDhhmm',
  'epoch-s': 'Unix (s)',
  'epoch-ms': 'Unix (ms)',
};

/** What detection found and what the reading produced, for one file. */
export function IngestReportView({ report, table }: { report: IngestReport; table: DataTable }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const used = report.dialect.used;
  const delimiterLabel = {
    ',': t('explore.dialect.comma'),
    ';': t('explore.dialect.semicolon'),
    '\t': t('explore.dialect.tab'),
    '|': t('explore.dialect.pipe'),
  }[used.delimiter];
  const formats = new Set(report.columns.map((c) => c.datetimeFormat).filter(Boolean));
  const dateOrder = formats.has('dmy')
    ? t('explore.dialect.dayFirst')
    : formats.has('mdy')
      ? t('explore.dialect.monthFirst')
      : formats.size > 0
        ? t('explore.dialect.yearFirst')
        : t('explore.dialect.noDates');
  const endings = {
    lf: t('explore.dialect.lf'),
    crlf: t('explore.dialect.crlf'),
    cr: t('explore.dialect.cr'),
    mixed: t('explore.dialect.mixed'),
    none: t('explore.dialect.noLineBreak'),
  }[report.lineEndings];

  return (
    <div className="xp-report">
      <h4 className="xp-subheading">{t('explore.report.detectedHeading')}</h4>
      <Facts
        items={[
          { label: t('explore.report.encoding'), value: report.encoding.used },
          {
            label: t('explore.report.bom'),
            value: report.encoding.bom ? t('explore.common.yes') : t('explore.common.absent'),
            data: false,
          },
          { label: t('explore.report.delimiter'), value: delimiterLabel, data: false },
          {
            label: t('explore.report.decimal'),
            value:
              used.decimal === ','
                ? t('explore.dialect.decimalComma')
                : t('explore.dialect.decimalPoint'),
            data: false,
          },
          {
            label: t('explore.report.thousands'),
            value:
              used.thousands === null
                ? t('explore.dialect.thousandsNone')
                : used.thousands === '.'
                  ? t('explore.dialect.thousandsPoint')
                  : t('explore.dialect.thousandsComma'),
            data: false,
          },
          {
            label: t('explore.report.header'),
            value: used.hasHeader
              ? t('explore.overrides.headerYes')
              : t('explore.overrides.headerNo'),
            data: false,
          },
          { label: t('explore.report.dateOrder'), value: dateOrder, data: false },
          { label: t('explore.report.lineEndings'), value: endings, data: false },
        ]}
      />

      <h4 className="xp-subheading">{t('explore.report.readingHeading')}</h4>
      <Facts
        items={[
          { label: t('explore.report.fileSize'), value: formatBytes(report.bytes, lang) },
          { label: t('explore.report.rowsRead'), value: formatCount(report.rowsRead, lang) },
          {
            label: t('explore.report.rowsAccepted'),
            value: formatCount(report.rowsAccepted, lang),
          },
          {
            label: t('explore.report.rowsRejected'),
            value: formatCount(report.rowsRejected, lang),
          },
          {
            label: t('explore.report.blankRows'),
            value: formatCount(report.blankRowsSkipped, lang),
          },
          { label: t('explore.report.elapsed'), value: formatCount(report.elapsedMs, lang) },
        ]}
      />
      {report.rejectReasons.length > 0 ? (
        <div
          className="xp-table-scroll"
          tabIndex={0}
          role="region"
          aria-label={t('explore.report.rowsRejected')}
        >
          <table className="xp-table">
            <thead>
              <tr>
                <th scope="col">{t('explore.report.rejectReason')}</th>
                <th scope="col" className="num">
                  {t('explore.report.rowsRejected')}
                </th>
                <th scope="col" className="num">
                  {t('explore.report.firstRejected')}
                </th>
                <th scope="col" className="num">
                  {t('explore.report.fieldsInRow')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.rejectReasons.map((r) => (
                <tr key={r.reason} className="xp-flagged">
                  <td>
                    {r.reason === 'too-many-fields'
                      ? t('explore.report.tooManyFields')
                      : t('explore.report.tooFewFields')}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatCount(r.count, lang)}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatCount(r.firstRecord, lang)}
                  </td>
                  <td className="num" data-no-i18n>
                    {formatCount(r.firstFieldCount, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {report.warnings.length > 0 ? (
        <>
          <h4 className="xp-subheading">{t('explore.report.notesHeading')}</h4>
          <ul className="xp-warnings">
            {report.warnings.map((w, i) => (
              <WarningItem key={`${w.code}-${w.column ?? ''}-${i}`} warning={w} />
            ))}
          </ul>
        </>
      ) : null}

      {report.longFormat ? (
        <Facts
          items={[
            {
              label: t('explore.report.longFormat'),
              value: `${formatCount(report.longFormat.longRows, lang)} → ${formatCount(
                report.longFormat.times,
                lang,
              )} × ${formatCount(report.longFormat.series, lang)}`,
            },
          ]}
        />
      ) : null}

      <h4 className="xp-subheading">{t('explore.report.columnsHeading')}</h4>
      <div
        className="xp-table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('explore.report.columnsHeading')}
      >
        <table className="xp-table">
          <thead>
            <tr>
              <th scope="col">{t('explore.common.column')}</th>
              <th scope="col">{t('explore.report.kind')}</th>
              <th scope="col">{t('explore.common.unit')}</th>
              <th scope="col" className="num">
                {t('explore.report.missing')}
              </th>
              <th scope="col" className="num">
                {t('explore.report.rejected')}
              </th>
              <th scope="col">{t('explore.report.rejectedExample')}</th>
              <th scope="col">{t('explore.report.dateFormat')}</th>
              <th scope="col">{t('explore.report.renamed')}</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((c) => (
              <tr key={c.name} className={c.rejected > 0 ? 'xp-flagged' : undefined}>
                <th scope="row" data-no-i18n>
                  {c.name}
                </th>
                <td>{t(`explore.kinds.${c.kind}`)}</td>
                <td data-no-i18n>{c.unit ?? ''}</td>
                <td className="num" data-no-i18n>
                  {formatPercent(c.missingShare, lang)}
                </td>
                <td className="num" data-no-i18n>
                  {formatCount(c.rejected, lang)}
                </td>
                <td data-no-i18n>
                  <code>{c.rejectedExample ?? ''}</code>
                </td>
                <td data-no-i18n>{c.datetimeFormat ? DATE_PATTERNS[c.datetimeFormat] : ''}</td>
                <td>
                  {c.renamed === null ? null : (
                    <>
                      <span>
                        {
                          {
                            empty: t('explore.report.renamedEmpty'),
                            duplicate: t('explore.report.renamedDuplicate'),
                            generated: t('explore.report.renamedGenerated'),
                          }[c.renamed]
                        }
                      </span>
                      {c.sourceName !== '' ? (
                        <span data-no-i18n>
                          {' '}
                          <code>{c.sourceName}</code>
                        </span>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h4 className="xp-subheading">{t('explore.report.previewHeading')}</h4>
      <PreviewTable table={table} rows={8} />
    </div>
  );
}

function WarningItem({ warning }: { warning: IngestWarning }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <li>
      <span>{t(`explore.warnings.${warning.code}`)}</span>
      {warning.column !== undefined || warning.count !== undefined ? (
        <span data-no-i18n>
          {' '}
          {warning.column !== undefined ? <code>{warning.column}</code> : null}
          {warning.count !== undefined ? ` (${formatCount(warning.count, lang)})` : null}
        </span>
      ) : null}
    </li>
  );
}
