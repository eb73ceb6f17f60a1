import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnKind } from '../../../data/data-table';
import type { IngestReport } from '../../../data/ingest/ingest-report';
import { DEFAULT_MISSING_TOKENS } from '../../../data/ingest/missing-tokens';
import type { IngestOptions } from '../../../data/ingest/parse-csv';
import { SelectField, type SelectOption } from '../ui';

/**
 * The reading settings of one file, to override what detection chose and read it again:
 * encoding, delimiter, decimal and thousands separators, header, day/month order, missing-value
 * texts and, once a report exists, the type of each column.
 */
type Auto = 'auto';

interface Draft {
  encoding: NonNullable<IngestOptions['encoding']>;
  delimiter: NonNullable<IngestOptions['delimiter']> | Auto;
  decimal: NonNullable<IngestOptions['decimal']> | Auto;
  thousands: '.' | ',' | 'none' | Auto;
  header: 'yes' | 'no' | Auto;
  monthFirst: boolean;
  missing: string;
  columnTypes: Record<string, ColumnKind | Auto>;
}

function draftOf(options: IngestOptions): Draft {
  return {
    encoding: options.encoding ?? 'auto',
    delimiter: options.delimiter ?? 'auto',
    decimal: options.decimal ?? 'auto',
    thousands:
      options.thousands === undefined
        ? 'auto'
        : options.thousands === null
          ? 'none'
          : options.thousands,
    header: options.hasHeader === undefined ? 'auto' : options.hasHeader ? 'yes' : 'no',
    monthFirst: options.monthFirst ?? false,
    missing: (options.missingTokens ?? DEFAULT_MISSING_TOKENS).filter((t) => t !== '').join('; '),
    columnTypes: { ...(options.columnTypes ?? {}) },
  };
}

function optionsOf(d: Draft): IngestOptions {
  const o: IngestOptions = {};
  if (d.encoding !== 'auto') o.encoding = d.encoding;
  if (d.delimiter !== 'auto') o.delimiter = d.delimiter;
  if (d.decimal !== 'auto') o.decimal = d.decimal;
  if (d.thousands !== 'auto') o.thousands = d.thousands === 'none' ? null : d.thousands;
  if (d.header !== 'auto') o.hasHeader = d.header === 'yes';
  if (d.monthFirst) o.monthFirst = true;
  const tokens = d.missing
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const defaults = DEFAULT_MISSING_TOKENS.filter((t) => t !== '');
  if (tokens.join(';') !== defaults.join(';')) o.missingTokens = ['', ...tokens];
  const types = Object.entries(d.columnTypes).filter(([, k]) => k !== 'auto');
  if (types.length > 0) o.columnTypes = Object.fromEntries(types);
  return o;
}

export function IngestSettings({
  options,
  report,
  onSubmit,
  disabled,
}: {
  options: IngestOptions;
  report: IngestReport | undefined;
  onSubmit: (options: IngestOptions) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(options));
  const set = (change: Partial<Draft>) => setD((x) => ({ ...x, ...change }));
  const auto: SelectOption = { value: 'auto', label: t('explore.overrides.auto') };
  const kindOptions: SelectOption[] = [
    auto,
    { value: 'number', label: t('explore.kinds.number') },
    { value: 'datetime', label: t('explore.kinds.datetime') },
    { value: 'category', label: t('explore.kinds.category') },
  ];
  const missingId = 'xp-missing';

  return (
    <form
      className="xp-settings"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(optionsOf(d));
      }}
    >
      <h4 className="xp-subheading">{t('explore.overrides.heading')}</h4>
      <p className="xp-muted">{t('explore.overrides.lead')}</p>
      <div className="xp-grid-fields">
        <SelectField
          label={t('explore.overrides.encoding')}
          value={d.encoding}
          onChange={(v) => set({ encoding: v as Draft['encoding'] })}
          options={[
            auto,
            { value: 'utf-8', label: 'UTF-8', data: true },
            { value: 'windows-1252', label: 'Windows-1252 (Latin-1)', data: true },
            { value: 'utf-16le', label: 'UTF-16 LE', data: true },
            { value: 'utf-16be', label: 'UTF-16 BE', data: true },
          ]}
        />
        <SelectField
          label={t('explore.overrides.delimiter')}
          value={d.delimiter}
          onChange={(v) => set({ delimiter: v as Draft['delimiter'] })}
          options={[
            auto,
            { value: ',', label: t('explore.dialect.comma') },
            { value: ';', label: t('explore.dialect.semicolon') },
            { value: '\t', label: t('explore.dialect.tab') },
            { value: '|', label: t('explore.dialect.pipe') },
          ]}
        />
        <SelectField
          label={t('explore.overrides.decimal')}
          value={d.decimal}
          onChange={(v) => set({ decimal: v as Draft['decimal'] })}
          options={[
            auto,
            { value: ',', label: t('explore.dialect.decimalComma') },
            { value: '.', label: t('explore.dialect.decimalPoint') },
          ]}
        />
        <SelectField
          label={t('explore.overrides.thousands')}
          value={d.thousands}
          onChange={(v) => set({ thousands: v as Draft['thousands'] })}
          options={[
            auto,
            { value: 'none', label: t('explore.dialect.thousandsNone') },
            { value: '.', label: t('explore.dialect.thousandsPoint') },
            { value: ',', label: t('explore.dialect.thousandsComma') },
          ]}
        />
        <SelectField
          label={t('explore.overrides.header')}
          value={d.header}
          onChange={(v) => set({ header: v as Draft['header'] })}
          options={[
            auto,
            { value: 'yes', label: t('explore.overrides.headerYes') },
            { value: 'no', label: t('explore.overrides.headerNo') },
          ]}
        />
        <SelectField
          label={t('explore.overrides.dateOrder')}
          value={d.monthFirst ? 'month' : 'day'}
          onChange={(v) => set({ monthFirst: v === 'month' })}
          options={[
            { value: 'day', label: t('explore.dialect.dayFirst') },
            { value: 'month', label: t('explore.dialect.monthFirst') },
          ]}
        />
      </div>
      <div className="xp-field xp-field-wide">
        <label htmlFor={missingId} className="xp-field-label">
          {t('explore.overrides.missingTokens')}
        </label>
        <input
          id={missingId}
          className="xp-input"
          autoComplete="off"
          spellCheck={false}
          value={d.missing}
          onChange={(e) => set({ missing: e.target.value })}
        />
      </div>
      {report && report.columns.length > 0 && report.columns.length <= 60 ? (
        <div className="xp-grid-fields">
          {report.columns.map((c) => (
            <SelectField
              key={c.name}
              label={t('explore.overrides.columnType')}
              labelData={c.name}
              value={d.columnTypes[c.name] ?? 'auto'}
              onChange={(v) =>
                set({ columnTypes: { ...d.columnTypes, [c.name]: v as ColumnKind | Auto } })
              }
              options={kindOptions}
            />
          ))}
        </div>
      ) : null}
      <button type="submit" className="button button-primary" disabled={disabled}>
        {t('explore.overrides.reparse')}
      </button>
    </form>
  );
}
