import { useTranslation } from 'react-i18next';
import type { Column, DataTable } from '../../../data/data-table';
import {
  formatDateTime,
  formatDateTimeFull,
  formatValue,
  langOf,
  MISSING,
  type Lang,
} from '../lib/format';

/** Display text of one cell (React escapes it: a `<script>` in a cell stays text). */
export function cellText(column: Column, row: number, lang: Lang, withTime = true): string {
  if (column.kind === 'category') return column.values[row] ?? MISSING;
  const v = column.values[row] as number;
  if (column.kind === 'datetime') return withTime ? formatDateTimeFull(v) : formatDateTime(v);
  return formatValue(v, lang, 6);
}

/** True when some shown time of a date-time column is not midnight (then every row shows its time). */
function hasTimeOfDay(column: Column, rows: number): boolean {
  if (column.kind !== 'datetime') return false;
  for (let r = 0; r < rows; r++) {
    const v = column.values[r] as number;
    if (Number.isFinite(v) && v % 86_400_000 !== 0) return true;
  }
  return false;
}

/** The first rows of a table, as typed (numbers in the language's format, times as ISO). */
export function PreviewTable({ table, rows }: { table: DataTable; rows: number }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const n = Math.min(rows, table.rowCount);
  if (n === 0) return <p className="xp-muted">{t('explore.report.noRows')}</p>;
  const columns = table.columns.slice(0, 40);
  const withTime = columns.map((c) => hasTimeOfDay(c, n));
  return (
    <div
      className="xp-table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('explore.report.previewHeading')}
    >
      <table className="xp-table xp-table-compact">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('explore.report.row')}
            </th>
            {columns.map((c) => (
              <th key={c.name} scope="col" data-no-i18n>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: n }, (_, r) => (
            <tr key={r}>
              <td className="num" data-no-i18n>
                {r + 1}
              </td>
              {columns.map((c, j) => (
                <td key={c.name} className={c.kind === 'number' ? 'num' : undefined} data-no-i18n>
                  {cellText(c, r, lang, withTime[j])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
