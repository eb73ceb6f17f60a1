import { useId, type ReactNode } from 'react';

/**
 * Form fields of the Operate screen. Labels and hints are composed by the caller (translated
 * text next to data marked data-no-i18n). Inputs are at least 48 px tall; a decimal field takes
 * text with `inputmode="decimal"`, so the tablet shows a numeric keypad and both `12,5` and
 * `12.5` can be typed.
 */
interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Translated error: shown under the field and linked with aria-describedby. */
  error?: ReactNode;
  /** A warning at the field (amber bar), shown only without an error. */
  warning?: ReactNode;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
  className?: string;
}

export function FieldShell({
  id,
  label,
  hint,
  error,
  warning,
  children,
  className,
}: FieldShellProps) {
  const hintId = `${id}-hint`;
  const msgId = `${id}-msg`;
  const describedBy =
    [hint ? hintId : null, error || warning ? msgId : null].filter(Boolean).join(' ') || undefined;
  const state = error ? ' field-has-error' : warning ? ' field-has-warning' : '';
  return (
    <div className={`field${state}${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(describedBy, Boolean(error))}
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field-message field-error" id={msgId}>
          <ErrorIcon />
          <span>{error}</span>
        </p>
      ) : warning ? (
        <p className="field-message field-warning" id={msgId}>
          <WarningIcon />
          <span>{warning}</span>
        </p>
      ) : null}
    </div>
  );
}

interface DecimalFieldProps {
  label: ReactNode;
  value: string;
  onChange: (text: string) => void;
  hint?: ReactNode;
  error?: ReactNode;
  warning?: ReactNode;
  className?: string;
  /** Test hook: a stable name for e2e (`data-field`). */
  name?: string;
}

export function DecimalField({
  label,
  value,
  onChange,
  hint,
  error,
  warning,
  className,
  name,
}: DecimalFieldProps) {
  const id = useId();
  return (
    <FieldShell
      id={id}
      label={label}
      hint={hint}
      error={error}
      warning={warning}
      className={className}
    >
      {(describedBy, invalid) => (
        <input
          id={id}
          className="field-input field-input-number"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="next"
          data-field={name}
          value={value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

/** Decorative status icons: the text next to them carries the meaning. */
export function ErrorIcon() {
  return (
    <svg
      className="status-icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M12 6.5v7" stroke="var(--alarm-contrast)" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="12" cy="17.2" r="1.5" fill="var(--alarm-contrast)" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg
      className="status-icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M12 2.5 22.5 21h-21z"
        fill="var(--warning)"
        stroke="var(--warning-contrast)"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <path
        d="M12 9v5.5"
        stroke="var(--warning-contrast)"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
      <circle cx="12" cy="17.6" r="1.3" fill="var(--warning-contrast)" />
    </svg>
  );
}
