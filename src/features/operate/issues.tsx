import { useTranslation } from 'react-i18next';
import type { InputSpec, PackManifest } from '../../domain/pack-manifest';
import type { InputIssue, ReasonCode } from '../../ml/engine/engine-api';
import { WarningIcon } from './fields';
import { formatFixed, formatReading } from './format';
import { UnitText } from './unit-text';

/** Reason codes that are warnings (a dose is given), in the order the list shows them. */
export const WARNING_CODES = [
  'outside-training-range',
  'novel-combination',
  'members-disagree',
  'sensor-rate-of-change',
  'sensor-flatline',
] as const satisfies readonly ReasonCode[];
export type WarningCode = (typeof WARNING_CODES)[number];

export function isWarningCode(code: ReasonCode): code is WarningCode {
  return (WARNING_CODES as readonly string[]).includes(code);
}

/** The translated reason for a field error, with its numbers beside it. */
export function FieldError({ issue, spec }: { issue: InputIssue; spec: InputSpec }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  switch (issue.code) {
    case 'missing-value':
      return <>{t('operate.form.error.missing-value')}</>;
    case 'not-a-number':
      return (
        <>
          {spec.kind === 'datetime'
            ? t('operate.form.error.not-a-date')
            : t('operate.form.error.not-a-number')}
        </>
      );
    case 'unknown-category':
      return <>{t('operate.form.error.unknown-category')}</>;
    case 'outside-physical-range': {
      if (spec.kind === 'datetime') return <>{t('operate.form.error.previous-after-current')}</>;
      const { min, max } = issue.detail ?? {};
      return (
        <>
          {t('operate.form.error.outside-physical-range')}{' '}
          {min !== undefined && max !== undefined ? (
            <span className="nowrap" data-no-i18n>
              {formatReading(min, lang)} – {formatReading(max, lang)} <UnitText unit={spec.unit} />
            </span>
          ) : null}
        </>
      );
    }
    default:
      return <>{isWarningCode(issue.code) ? t(`operate.warning.title.${issue.code}`) : null}</>;
  }
}

/** Short warning at a field: the title only (the list in the answer explains it). */
export function FieldWarning({ issues }: { issues: readonly InputIssue[] }) {
  const { t } = useTranslation();
  const codes = [...new Set(issues.map((i) => i.code).filter(isWarningCode))];
  if (codes.length === 0) return null;
  return (
    <span className="field-warning-list">
      {codes.map((c) => (
        <span key={c}>{t(`operate.warning.title.${c}`)}</span>
      ))}
    </span>
  );
}

/** "Haga una prueba de jarras": alarm colours, announced, and no way to dismiss it. */
export function JarTestBanner() {
  const { t } = useTranslation();
  return (
    <div className="jar-test-banner" role="alert" data-testid="jar-test-banner">
      <svg
        className="jar-test-icon"
        viewBox="0 0 24 24"
        width="40"
        height="40"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M12 2 23 21H1z" fill="var(--alarm-contrast)" />
        <path d="M12 8.5v6" stroke="var(--alarm)" strokeWidth="2.6" strokeLinecap="round" />
        <circle cx="12" cy="18" r="1.5" fill="var(--alarm)" />
      </svg>
      <div>
        <p className="jar-test-title">{t('operate.warning.jarTestTitle')}</p>
        <p className="jar-test-body">{t('operate.warning.jarTestBody')}</p>
      </div>
    </div>
  );
}

function IssueData({ issue, manifest }: { issue: InputIssue; manifest: PackManifest }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const spec = manifest.inputs.find((i) => i.id === issue.input);
  const d = issue.detail ?? {};
  const label = spec ? (
    <span className="issue-input" data-no-i18n>
      {spec.label[lang === 'en' ? 'en' : 'es']}
      {d.value !== undefined && spec.kind === 'number' ? (
        <>
          {': '}
          <span className="nowrap">
            {formatReading(d.value, lang)} <UnitText unit={spec.unit} />
          </span>
        </>
      ) : null}
    </span>
  ) : null;
  switch (issue.code) {
    case 'outside-training-range':
      return (
        <p className="issue-data">
          {label}
          {d.min !== undefined && d.max !== undefined && spec ? (
            <span className="issue-range">
              <span>{t('operate.warning.trainingRange')}</span>{' '}
              <span className="nowrap" data-no-i18n>
                {formatReading(d.min, lang)} – {formatReading(d.max, lang)}{' '}
                <UnitText unit={spec.unit} />
              </span>
            </span>
          ) : null}
        </p>
      );
    case 'sensor-rate-of-change':
      return (
        <p className="issue-data">
          {label}
          {d.score !== undefined ? (
            <span className="issue-range">
              <span>{t('operate.warning.changeFactor')}</span>{' '}
              <span data-no-i18n>{formatFixed(d.score, lang, 1)}</span>
            </span>
          ) : null}
        </p>
      );
    case 'sensor-flatline':
      return label ? <p className="issue-data">{label}</p> : null;
    default:
      return null;
  }
}

/** The warnings that came with a dose, or a calm line when there are none. */
export function WarningList({
  issues,
  manifest,
}: {
  issues: readonly InputIssue[];
  manifest: PackManifest;
}) {
  const { t } = useTranslation();
  const warnings = issues
    .filter((i) => isWarningCode(i.code))
    .sort(
      (a, b) =>
        WARNING_CODES.indexOf(a.code as WarningCode) - WARNING_CODES.indexOf(b.code as WarningCode),
    );
  if (warnings.length === 0) return <p className="calm-line">{t('operate.answer.noWarnings')}</p>;
  return (
    <section className="warnings" aria-labelledby="operate-warnings-heading">
      <h3 id="operate-warnings-heading" className="subheading">
        {t('operate.warning.heading')}
      </h3>
      <ul className="warning-list">
        {warnings.map((w, i) => (
          <li key={`${w.code}-${w.input}-${i}`} className="warning-item" data-code={w.code}>
            <WarningIcon />
            <div>
              <p className="warning-title">{t(`operate.warning.title.${w.code as WarningCode}`)}</p>
              <p className="warning-body">{t(`operate.warning.body.${w.code as WarningCode}`)}</p>
              <IssueData issue={w} manifest={manifest} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
