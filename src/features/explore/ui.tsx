import { useId, type ReactNode } from 'react';

/**
 * Small building blocks shared by the explorer's panels. Every control is ≥ 48 px (explore.css)
 * and works by tap. Data (column names, numbers) is passed as `data` and rendered inside
 * data-no-i18n; labels are translated strings.
 */

export interface FactItem {
  label: string;
  value: ReactNode;
  /** false when the value is a translated string rather than data. */
  data?: boolean;
}

/** A label → value list (read like a report). */
export function Facts({ items, className }: { items: readonly FactItem[]; className?: string }) {
  return (
    <dl className={`xp-facts${className ? ` ${className}` : ''}`}>
      {items.map((item) => (
        <div key={item.label} className="xp-fact">
          <dt>{item.label}</dt>
          {item.data === false ? <dd>{item.value}</dd> : <dd data-no-i18n>{item.value}</dd>}
        </div>
      ))}
    </dl>
  );
}

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
}

/** A row of toggle buttons for a small set of choices (radio-like). */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="xp-segmented-field">
      <span id={id} className="xp-field-label">
        {label}
      </span>
      <div className="xp-segmented" role="group" aria-labelledby={id}>
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className="xp-segment"
            aria-pressed={o.value === value}
            onClick={() => onChange(o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  /** The label is data (a column name, a code): rendered with data-no-i18n. */
  data?: boolean;
}

export function SelectField({
  label,
  labelData,
  hideLabel,
  value,
  options,
  onChange,
  disabled,
}: {
  label: string;
  /** Keep the label for assistive technology only (a table header already shows it). */
  hideLabel?: boolean;
  /** Data shown after the label (e.g. the column the setting is for). */
  labelData?: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="xp-field">
      <label
        htmlFor={id}
        className={hideLabel ? 'xp-field-label xp-visually-hidden' : 'xp-field-label'}
      >
        {label}
        {labelData !== undefined ? (
          <>
            {' '}
            <span className="xp-label-data" data-no-i18n>
              {labelData}
            </span>
          </>
        ) : null}
      </label>
      <select
        id={id}
        className="xp-select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) =>
          o.data ? (
            <option key={o.value} value={o.value} data-no-i18n>
              {o.label}
            </option>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </div>
  );
}

/** A number input that keeps the text as typed (decimal comma or point) until it parses. */
export function NumberField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="xp-field xp-field-number">
      <label htmlFor={id} className="xp-field-label">
        {label}
      </label>
      <input
        id={id}
        className="xp-input"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** "12,5" or "12.5" → 12.5; '' or text → NaN. */
export function parseLocaleNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '').replace('−', '-');
  if (t === '') return NaN;
  const normal = t.includes(',') && !t.includes('.') ? t.replace(',', '.') : t.replace(/,/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normal) ? Number(normal) : NaN;
}

/** Choose several columns: a wrap of large toggle chips. */
export function ColumnChips({
  label,
  names,
  selected,
  onChange,
  allLabel,
  noneLabel,
}: {
  label: string;
  names: readonly string[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  allLabel?: string;
  noneLabel?: string;
}) {
  const id = useId();
  const set = new Set(selected);
  return (
    <fieldset className="xp-chips-field" aria-labelledby={id}>
      <legend id={id} className="xp-field-label">
        {label}
      </legend>
      <div className="xp-chips">
        {names.map((name) => (
          <button
            key={name}
            type="button"
            className="xp-chip"
            aria-pressed={set.has(name)}
            onClick={() =>
              onChange(
                set.has(name)
                  ? selected.filter((s) => s !== name)
                  : names.filter((n) => set.has(n) || n === name),
              )
            }
          >
            <span data-no-i18n>{name}</span>
          </button>
        ))}
        {allLabel ? (
          <button
            type="button"
            className="button xp-chip-action"
            onClick={() => onChange([...names])}
          >
            {allLabel}
          </button>
        ) : null}
        {noneLabel ? (
          <button type="button" className="button xp-chip-action" onClick={() => onChange([])}>
            {noneLabel}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Status line for asynchronous work (polite live region). */
export function Busy({ children }: { children: ReactNode }) {
  return (
    <p className="xp-busy" role="status">
      <span className="xp-spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/** A translated message about a problem (not an alarm: a note the analyst should read). */
export function Notice({
  children,
  tone = 'info',
}: {
  children: ReactNode;
  tone?: 'info' | 'warning' | 'error';
}) {
  return (
    <p className={`xp-notice xp-notice-${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      {children}
    </p>
  );
}
