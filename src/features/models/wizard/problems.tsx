import { useTranslation } from 'react-i18next';
import type { MappingProblem } from '../../../ml/training/mapped-dataset';
import { Message } from '../ui';
import type { WizardProblem } from './wizard-model';

export type AnyProblem = MappingProblem | WizardProblem;

/** Problems fixed on the columns step (a column to remove or choose, or other data). */
const COLUMN_PROBLEMS = new Set<string>([
  'no-time-column',
  'time-not-datetime',
  'time-duplicated',
  'missing-column',
  'not-numeric',
  'too-few-rows',
  'constant-target',
  'constant-feature',
  'all-missing-feature',
  'feature-outside-range',
  'duplicate-input-id',
]);

function ProblemText({ problem }: { problem: AnyProblem }) {
  const { t } = useTranslation();
  const text = t(`models.problem.${problem.code}`);
  if (problem.code === 'too-few-rows')
    return <Message text={text} data={`${problem.count ?? 0} / ${problem.needed ?? 0}`} />;
  if (problem.code === 'time-duplicated')
    return <Message text={text} data={`${problem.count ?? 0} · ${problem.example ?? ''}`} />;
  return <Message text={text} data={'column' in problem ? problem.column : undefined} />;
}

/**
 * What stops training, each as a translated message naming the column (or the row counts). Shown
 * before any training starts: the wizard checks the mapping with the trainer's own
 * `buildMappedDataset` first.
 */
export function Problems({
  problems,
  onFix,
}: {
  problems: readonly AnyProblem[];
  /** Go back to the columns step (shown for problems about the data or the chosen columns). */
  onFix?: () => void;
}) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="md-notice md-notice-error" role="alert" data-testid="problems">
      <p className="md-notice-title">{t('models.problem.heading')}</p>
      <ul className="md-list">
        {problems.map((p, i) => (
          <li key={`${p.code}-${i}`} data-code={p.code}>
            <ProblemText problem={p} />
          </li>
        ))}
      </ul>
      {onFix && problems.some((p) => COLUMN_PROBLEMS.has(p.code)) ? (
        <button type="button" className="button" onClick={onFix}>
          {t('models.problem.fix')}
        </button>
      ) : null}
    </div>
  );
}
