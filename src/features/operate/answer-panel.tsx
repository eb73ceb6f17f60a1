import { useTranslation } from 'react-i18next';
import { pumpRate } from '../../domain/dosing-pump';
import type { InputRecord } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';
import { kgPerL, litresPerSecond, massFraction, mgPerL } from '../../domain/units';
import type { DosePrediction } from '../../ml/engine/engine-api';
import type { DosingSettings } from '../../store/settings-slice';
import { pumpFlowLps } from './form-model';
import { formatDose, formatFixed, formatPercent, formatReading } from './format';
import { JarTestBanner, WarningList } from './issues';

/** Member kinds with a translated name. */
const MEMBER_KINDS = ['ridge', 'randomForest', 'gbdt', 'mlp'] as const;
type MemberKind = (typeof MEMBER_KINDS)[number];
const isMemberKind = (k: string): k is MemberKind =>
  (MEMBER_KINDS as readonly string[]).includes(k);

/** Below this test-set R² the settled forecast gets a "rough guide" note. */
const SETTLED_R2_NOTE = 0.3;

/**
 * Below this test-set coverage at the record's plant, the 90 % interval gets a note: it was too
 * narrow there (AguaClara: 62 % at Agalteca while 91 % overall).
 */
const PLANT_COVERAGE_NOTE = 0.8;

/** The dose ensemble's test-set interval coverage for the record's plant (group), if the pack has it. */
function plantCoverage(manifest: PackManifest, record: InputRecord): number | undefined {
  const rows = manifest.heads.dose.metrics.filter(
    (m) => m.model === 'ensemble' && m.scope !== 'all' && m.coverage !== null,
  );
  if (rows.length < 2) return undefined; // a single-plant pack: the overall figure says it all
  // The per-plant rows are scoped by the value of the pack's category input (the plant).
  for (const input of manifest.inputs) {
    if (input.kind !== 'category') continue;
    const coverage = rows.find((m) => m.scope === record[input.id])?.coverage;
    if (coverage !== null && coverage !== undefined) return coverage;
  }
  return undefined;
}

interface AnswerProps {
  manifest: PackManifest;
  prediction: DosePrediction;
  record: InputRecord;
  dosing: DosingSettings;
  /** A newer answer is being computed: the shown one is dimmed. */
  stale: boolean;
  onOpenSettings: () => void;
}

/** The recommendation: dose, interval, disagreement, settled forecast, pump rate, warnings. */
export function Answer({
  manifest,
  prediction,
  record,
  dosing,
  stale,
  onOpenSettings,
}: AnswerProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { dose, settled, jarTestRequired } = prediction;
  const doseUnit = manifest.heads.dose.target.unit;
  const settledUnit = manifest.heads.settled?.target.unit ?? 'NTU';
  const spread = dose.members.filter((m) => m.weight > 0).map((m) => m.value);
  const spreadValue = spread.length > 0 ? Math.max(...spread) - Math.min(...spread) : 0;
  const coverageHere = plantCoverage(manifest, record);
  const settledR2 = manifest.heads.settled?.metrics.find(
    (m) => m.model === 'ensemble' && m.scope === 'all',
  )?.r2;

  const flow = pumpFlowLps(manifest, record, dosing.flowLps);
  const rate =
    flow && dosing.strengthPercent !== null && dosing.densityKgPerL !== null
      ? pumpRate(
          mgPerL(dose.value),
          litresPerSecond(flow.flow),
          massFraction(dosing.strengthPercent / 100),
          kgPerL(dosing.densityKgPerL),
        )
      : null;

  return (
    <div className={`answer${stale ? ' answer-stale' : ''}`} data-testid="answer">
      {jarTestRequired ? <JarTestBanner /> : null}
      <div className={`dose-block${jarTestRequired ? ' dose-reference' : ''}`}>
        <p className="dose-figure" aria-live="polite" aria-atomic="true">
          <span
            className="dose-value"
            data-no-i18n
            data-testid="dose-value"
            data-value={String(dose.value)}
          >
            {formatDose(dose.value, lang)}
          </span>{' '}
          <span className="dose-unit" data-no-i18n>
            {doseUnit}
          </span>
        </p>
        {jarTestRequired ? (
          <p className="dose-reference-note">{t('operate.answer.referenceOnly')}</p>
        ) : null}
        <dl className="facts">
          <div>
            <dt>{t('operate.answer.interval')}</dt>
            <dd data-no-i18n data-testid="dose-interval">
              {formatDose(dose.lo, lang)} – {formatDose(dose.hi, lang)} {doseUnit}
            </dd>
          </div>
          {coverageHere !== undefined ? (
            <div>
              <dt>{t('operate.answer.plantCoverage')}</dt>
              <dd data-no-i18n data-testid="plant-coverage">
                {formatPercent(coverageHere, lang)}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('operate.answer.disagreement')}</dt>
            <dd data-no-i18n>
              {formatPercent(prediction.disagreement, lang)}{' '}
              <span className="muted">
                ({formatDose(spreadValue, lang)} {doseUnit})
              </span>
            </dd>
          </div>
          {settled ? (
            <div>
              <dt>{t('operate.answer.settled')}</dt>
              <dd data-no-i18n data-testid="settled-forecast">
                {formatReading(settled.value, lang)} {settledUnit}{' '}
                <span className="muted">
                  (90 %: {formatReading(settled.lo, lang)} – {formatReading(settled.hi, lang)})
                </span>
              </dd>
            </div>
          ) : null}
        </dl>
        {coverageHere !== undefined && coverageHere < PLANT_COVERAGE_NOTE ? (
          <p className="calm-note" data-testid="plant-coverage-note">
            {t('operate.answer.plantCoverageNote')}
          </p>
        ) : null}
        {settled && settledR2 !== undefined && settledR2 < SETTLED_R2_NOTE ? (
          <p className="calm-note">{t('operate.answer.settledNote')}</p>
        ) : null}
      </div>

      <WarningList issues={prediction.issues} manifest={manifest} />

      <details className="members">
        <summary>{t('operate.answer.members')}</summary>
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('operate.answer.memberModel')}</th>
              <th scope="col" className="num">
                {t('operate.answer.memberDose')}
              </th>
              <th scope="col" className="num">
                {t('operate.answer.memberWeight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {dose.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {isMemberKind(m.kind) ? (
                    t(`operate.answer.member.${m.kind}`)
                  ) : (
                    <span data-no-i18n>{m.kind}</span>
                  )}
                </th>
                <td className="num" data-no-i18n>
                  {formatDose(m.value, lang)}
                </td>
                <td className="num" data-no-i18n>
                  {formatPercent(m.weight, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <section className="pump" aria-labelledby="operate-pump-heading">
        <h3 id="operate-pump-heading" className="subheading">
          {t('operate.answer.pump')}
        </h3>
        {jarTestRequired ? (
          <p className="calm-line">{t('operate.answer.pumpJarTest')}</p>
        ) : rate && flow ? (
          <dl className="facts">
            <div>
              <dt>{t('operate.answer.pumpMass')}</dt>
              <dd data-no-i18n data-testid="pump-kg">
                {formatFixed(rate.productKgPerHour, lang, 2)} kg/h
              </dd>
            </div>
            <div>
              <dt>{t('operate.answer.pumpVolume')}</dt>
              <dd data-no-i18n data-testid="pump-l">
                {formatFixed(rate.productLitresPerHour, lang, 2)} L/h
              </dd>
            </div>
            <div>
              <dt>{t('operate.answer.pumpFlowFrom')}</dt>
              <dd data-no-i18n>{formatReading(flow.flow, lang)} L/s</dd>
            </div>
          </dl>
        ) : (
          <div className="pump-missing">
            <p>{t('operate.answer.pumpNeedsSettings')}</p>
            <button type="button" className="button" onClick={onOpenSettings}>
              {t('operate.answer.openSettings')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
