import type { ReactNode } from 'react';

/**
 * Small building blocks of the Models area. Data (titles, numbers, column names) is rendered
 * inside data-no-i18n; labels are translated strings.
 */
export interface Fact {
  label: string;
  value: ReactNode;
  /** false when the value is a translated string rather than data. */
  data?: boolean;
  testId?: string;
  /** Long text: the whole row. */
  wide?: boolean;
}

/** A label → value list, read like a report. */
export function Facts({ items, className }: { items: readonly Fact[]; className?: string }) {
  return (
    <dl className={`md-facts${className ? ` ${className}` : ''}`}>
      {items.map((item) => (
        <div key={item.label} className={item.wide ? 'md-fact md-fact-wide' : 'md-fact'}>
          <dt>{item.label}</dt>
          {item.data === false ? (
            <dd data-testid={item.testId}>{item.value}</dd>
          ) : (
            <dd data-no-i18n data-testid={item.testId}>
              {item.value}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/**
 * A message the analyst should read. 'warning' and 'error' use the abnormal-state colours
 * (ISA-101): only for things that are wrong, never for decoration.
 */
export function Notice({
  children,
  tone = 'info',
  testId,
}: {
  children: ReactNode;
  tone?: 'info' | 'ok' | 'warning' | 'error';
  testId?: string;
}) {
  return (
    <div
      className={`md-notice md-notice-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </div>
  );
}

/** Status line for asynchronous work. */
export function Busy({ children }: { children: ReactNode }) {
  return (
    <p className="md-busy" role="status">
      <span className="md-spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/** A translated message followed by its data (a column, a number), as separate text nodes. */
export function Message({ text, data }: { text: string; data?: ReactNode }) {
  return (
    <>
      {text}
      {data !== undefined && data !== null && data !== '' ? (
        <>
          {' '}
          <strong className="md-data" data-no-i18n>
            {data}
          </strong>
        </>
      ) : null}
    </>
  );
}
