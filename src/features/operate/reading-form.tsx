import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorLogEntry } from '../../data/operator-log/log-entry';
import type { InputSpec, PackManifest } from '../../domain/pack-manifest';
import type { InputIssue } from '../../ml/engine/engine-api';
import { DecimalField, FieldShell } from './fields';
import { formInputs, valueToField, type ResolvedForm } from './form-model';
import { formatReading } from './format';
import { FieldError, FieldWarning } from './issues';
import { UnitText } from './unit-text';

interface ReadingFormProps {
  manifest: PackManifest;
  form: ResolvedForm;
  /** Set a field's text, or undefined to return it to its automatic value. */
  onEdit: (inputId: string, text: string | undefined) => void;
  /** Issues of the last engine answer for these inputs (errors and warnings). */
  issues: readonly InputIssue[];
  /** Last log entry of this plant: its values are shown as "last logged". */
  lastEntry: OperatorLogEntry | undefined;
}

/** The readings form, generated from the active pack's manifest. */
export function ReadingForm({ manifest, form, onEdit, issues, lastEntry }: ReadingFormProps) {
  const { t } = useTranslation();
  const inputs = formInputs(manifest);
  const current = inputs.filter((i) => i.role !== 'previous');
  const previous = inputs.filter((i) => i.role === 'previous');
  const prevHeadingId = useId();
  const prefilled = previous.some((p) => form.automatic.has(p.id) && form.values[p.id] !== '');

  const field = (spec: InputSpec) => (
    <InputField
      key={spec.id}
      spec={spec}
      value={form.values[spec.id] ?? ''}
      automatic={form.automatic.has(spec.id)}
      onEdit={onEdit}
      issues={issues.filter((i) => i.input === spec.id)}
      lastEntry={lastEntry}
    />
  );

  return (
    <div className="reading-form">
      <div className="field-grid">{current.map(field)}</div>
      {previous.length > 0 ? (
        <fieldset className="previous-fieldset" aria-labelledby={prevHeadingId}>
          <legend className="subheading" id={prevHeadingId}>
            {t('operate.form.previousHeading')}
          </legend>
          {prefilled ? <p className="calm-note">{t('operate.form.prefilled')}</p> : null}
          <div className="field-grid">{previous.map(field)}</div>
        </fieldset>
      ) : null}
    </div>
  );
}

interface InputFieldProps {
  spec: InputSpec;
  value: string;
  automatic: boolean;
  onEdit: (inputId: string, text: string | undefined) => void;
  issues: readonly InputIssue[];
  lastEntry: OperatorLogEntry | undefined;
}

function InputField({ spec, value, automatic, onEdit, issues, lastEntry }: InputFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const id = useId();
  // An empty field the operator has not touched yet is not an error: the answer says "fill in".
  const error = issues.find(
    (i) => i.severity === 'error' && !(i.code === 'missing-value' && automatic && value === ''),
  );
  const warnings = issues.filter((i) => i.severity === 'warning');

  const label = (
    <>
      <span data-no-i18n>{spec.label[lang]}</span>
      {spec.unit ? (
        <>
          {' '}
          <span className="field-unit" data-no-i18n>
            (<UnitText unit={spec.unit} />)
          </span>
        </>
      ) : null}
      {spec.optional ? (
        <>
          {' '}
          <span className="field-optional">{t('operate.form.optional')}</span>
        </>
      ) : null}
    </>
  );
  const errorNode = error ? <FieldError issue={error} spec={spec} /> : undefined;
  const warningNode = warnings.length > 0 ? <FieldWarning issues={warnings} /> : undefined;

  if (spec.kind === 'category') {
    return (
      <FieldShell id={id} label={label} error={errorNode}>
        {(describedBy, invalid) => (
          <select
            id={id}
            className="field-input field-select"
            data-field={spec.id}
            data-no-i18n
            value={value}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onEdit(spec.id, e.target.value)}
          >
            {(spec.categories ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
    );
  }

  if (spec.kind === 'datetime') {
    const isReportTime = spec.role === 'context';
    const hint = isReportTime && automatic ? <p>{t('operate.form.followsClock')}</p> : undefined;
    return (
      <FieldShell id={id} label={label} hint={hint} error={errorNode}>
        {(describedBy, invalid) => (
          <div className="field-row">
            <input
              id={id}
              className="field-input field-datetime"
              type="datetime-local"
              data-field={spec.id}
              value={value}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => onEdit(spec.id, e.target.value)}
            />
            {isReportTime && !automatic ? (
              <button type="button" className="button" onClick={() => onEdit(spec.id, undefined)}>
                {t('operate.form.now')}
              </button>
            ) : null}
          </div>
        )}
      </FieldShell>
    );
  }

  const q = spec.quantiles;
  const last = lastEntry?.inputs[spec.id];
  const lastText = typeof last === 'number' ? valueToField(spec, last, lang) : '';
  const hint =
    q || lastText || spec.unit === 'plant units' ? (
      <>
        {q ? (
          <p>
            <span>{t('operate.form.typical')}</span>{' '}
            <span className="nowrap" data-no-i18n>
              {formatReading(q[1] as number, lang)} – {formatReading(q[3] as number, lang)}{' '}
              <UnitText unit={spec.unit} />
            </span>
          </p>
        ) : null}
        {lastText && spec.role !== 'previous' ? (
          <p>
            <span>{t('operate.form.last')}</span>{' '}
            <span className="nowrap" data-no-i18n>
              {formatReading(last as number, lang)} <UnitText unit={spec.unit} />
            </span>
          </p>
        ) : null}
        {spec.unit === 'plant units' ? (
          <p className="field-note">{t('operate.form.plantUnitsHint')}</p>
        ) : null}
      </>
    ) : undefined;
  return (
    <DecimalField
      name={spec.id}
      label={label}
      value={value}
      hint={hint}
      error={errorNode}
      warning={warningNode}
      onChange={(text) => onEdit(spec.id, text)}
    />
  );
}
