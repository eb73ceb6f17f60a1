import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDecimalInput } from '../../domain/decimal-input';
import type { InputRecord } from '../../domain/input-record';
import type { Engine, ReverseResult } from '../../ml/engine/engine-api';
import { DecimalField, WarningIcon } from './fields';
import { formatDose, formatReading } from './format';
import { useKeyedAsync } from './use-keyed-async';

interface ReversePanelProps {
  engine: Engine | null;
  /** A record the engine accepted (null while the readings are incomplete or invalid). */
  record: InputRecord | null;
  recordKey: string | null;
}

/** "Settled turbidity ≤ X NTU": the least dose whose forecast meets it. */
export function ReversePanel({ engine, record, recordKey }: ReversePanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState('');
  const settledHead = engine?.manifest.heads.settled;
  const parsed = parseDecimalInput(text);
  const target = parsed.kind === 'number' && parsed.value >= 0 ? parsed.value : null;
  const invalid = parsed.kind === 'invalid' || (parsed.kind === 'number' && parsed.value < 0);
  const key =
    engine && settledHead && record && recordKey && target !== null
      ? `${recordKey}|${target}`
      : null;
  const result = useKeyedAsync<ReverseResult>(
    key,
    () =>
      engine && record && target !== null
        ? engine.reverse(record, target)
        : Promise.reject(new Error('reverse: no input')),
    300,
  );
  const unit = settledHead?.target.unit ?? 'NTU';
  const doseUnit = engine?.manifest.heads.dose.target.unit ?? 'mg/L';
  const shown = key !== null && result.valueKey === key ? result.value : undefined;
  // The engine searches only the applied doses seen in training (p1–p99). When the least of them
  // already meets the target, a lower dose might too, but the model cannot say: the operator is told.
  const atTrainingFloor =
    shown?.dose !== null && shown?.dose !== undefined
      ? shown.dose <= shown.searched[0] + 1e-9
      : false;

  // How far the dose can move the forecast for these readings: a weak learned effect is visible.
  const curveRow = shown ? (
    <div>
      <dt>{t('operate.reverse.curve')}</dt>
      <dd data-no-i18n data-testid="reverse-curve">
        {formatReading(shown.settledRange[0], lang)} → {formatReading(shown.settledRange[1], lang)}{' '}
        {unit}
      </dd>
    </div>
  ) : null;
  const weakEffect = shown?.weakEffect ? (
    <p className="reverse-caution" data-testid="reverse-weak-effect">
      <WarningIcon />
      <span>{t('operate.reverse.weakEffect')}</span>
    </p>
  ) : null;

  return (
    <section className="panel" aria-labelledby="operate-reverse-heading" data-testid="reverse">
      <h2 className="section-title" id="operate-reverse-heading">
        {t('operate.reverse.heading')}
      </h2>
      {engine && !settledHead ? (
        <p className="calm-line">{t('operate.reverse.unavailable')}</p>
      ) : (
        <div className="reverse-grid">
          <DecimalField
            name="reverse-target"
            className="reverse-target"
            label={
              <>
                {t('operate.reverse.target')}{' '}
                <span className="field-unit" data-no-i18n>
                  ({unit})
                </span>
              </>
            }
            value={text}
            onChange={setText}
            error={invalid ? t('operate.reverse.invalid') : undefined}
          />
          <div className="reverse-result" aria-live="polite" data-testid="reverse-result">
            {!record ? (
              <p className="calm-line">{t('operate.reverse.needsReadings')}</p>
            ) : target === null ? (
              <p className="calm-line">{t('operate.reverse.enterTarget')}</p>
            ) : result.failed ? (
              <p className="calm-line">{t('operate.why.unavailable')}</p>
            ) : !shown ? (
              <p className="calm-line">{t('operate.reverse.calculating')}</p>
            ) : shown.dose !== null ? (
              <>
                <dl className="facts">
                  <div>
                    <dt>{t('operate.reverse.result')}</dt>
                    <dd className="reverse-dose" data-no-i18n data-testid="reverse-dose">
                      {formatDose(shown.dose, lang)} {doseUnit}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('operate.reverse.forecast')}</dt>
                    <dd data-no-i18n>
                      {formatReading(shown.settledAtDose, lang)} {unit}
                    </dd>
                  </div>
                  {curveRow}
                </dl>
                {atTrainingFloor ? (
                  <p className="reverse-caution" data-testid="reverse-at-floor">
                    <WarningIcon />
                    <span>{t('operate.reverse.atTrainingFloor')}</span>
                  </p>
                ) : null}
                {weakEffect}
              </>
            ) : (
              <>
                <p className="reverse-none" data-testid="reverse-none">
                  {t('operate.reverse.none')}
                </p>
                <dl className="facts">
                  <div>
                    <dt>{t('operate.reverse.searched')}</dt>
                    <dd data-no-i18n>
                      {formatDose(shown.searched[0], lang)} – {formatDose(shown.searched[1], lang)}{' '}
                      {doseUnit}
                    </dd>
                  </div>
                  {curveRow}
                </dl>
                {weakEffect}
              </>
            )}
          </div>
          <p className="calm-note reverse-note">{t('operate.reverse.note')}</p>
        </div>
      )}
    </section>
  );
}
