import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDecimalInput } from '../../domain/decimal-input';
import type { InputRecord } from '../../domain/input-record';
import { NOTE_MAX_LENGTH, type LoggedPrediction } from '../../data/operator-log/log-entry';
import type { DosePrediction } from '../../ml/engine/engine-api';
import { useAppStore } from '../../store/app-store';
import { DecimalField, FieldShell } from './fields';
import { numberToField } from './form-model';

interface LogRecordFormProps {
  packId: string;
  /** The record the engine accepted, and its prediction (null: readings incomplete). */
  record: InputRecord | null;
  prediction: DosePrediction | null;
  plant: string | null;
  reportTime: number;
}

type Amount = { value: number | null; valid: boolean };

function amount(text: string): Amount {
  const p = parseDecimalInput(text);
  if (p.kind === 'empty') return { value: null, valid: true };
  if (p.kind === 'number' && p.value >= 0) return { value: p.value, valid: true };
  return { value: null, valid: false };
}

/** Store the prediction as it was shown, with plain reason codes. */
export function toLoggedPrediction(p: DosePrediction): LoggedPrediction {
  return {
    dose: p.dose.value,
    lo: p.dose.lo,
    hi: p.dose.hi,
    settled: p.settled?.value ?? null,
    disagreement: Number.isFinite(p.disagreement) ? p.disagreement : 0,
    jarTestRequired: p.jarTestRequired,
    warnings: p.issues.map((i) => i.code),
  };
}

/**
 * One tap records what was applied. The applied dose starts at the recommendation (rounded as
 * shown), except when a jar test is required: then the operator types the dose actually used.
 */
export function LogRecordForm({
  packId,
  record,
  prediction,
  plant,
  reportTime,
}: LogRecordFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const addLogEntry = useAppStore((s) => s.addLogEntry);
  const [applied, setApplied] = useState<string | undefined>(undefined);
  const [jar, setJar] = useState('');
  const [settled, setSettled] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const noteId = useId();

  const suggested =
    prediction && !prediction.jarTestRequired
      ? numberToField(Math.round(prediction.dose.value * 10) / 10, lang)
      : '';
  const appliedText = applied ?? suggested;
  const a = amount(appliedText);
  const j = amount(jar);
  const s = amount(settled);
  const ready = record !== null && Number.isFinite(reportTime);
  const canRecord =
    ready && a.valid && a.value !== null && j.valid && s.valid && status !== 'saving';

  const submit = async () => {
    if (!canRecord || !record || a.value === null) return;
    setStatus('saving');
    try {
      await addLogEntry({
        packId,
        reportTime,
        plant,
        inputs: { ...record },
        prediction: prediction ? toLoggedPrediction(prediction) : null,
        appliedDose: a.value,
        jarTestDose: j.value,
        settledObserved: s.value,
        note: note.trim(),
      });
      setApplied(undefined);
      setJar('');
      setSettled('');
      setNote('');
      setStatus('saved');
    } catch {
      setStatus('failed');
    }
  };

  return (
    <section className="panel log-record" aria-labelledby="operate-record-heading">
      <h2 className="section-title" id="operate-record-heading">
        {t('operate.log.recordHeading')}
      </h2>
      <form
        className="record-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field-grid">
          <DecimalField
            name="log-applied"
            label={
              <>
                {t('operate.log.applied')}{' '}
                <span className="field-unit" data-no-i18n>
                  (mg/L)
                </span>
              </>
            }
            value={appliedText}
            onChange={(v) => {
              setApplied(v);
              setStatus('idle');
            }}
            error={!a.valid ? t('operate.log.amountInvalid') : undefined}
          />
          <DecimalField
            name="log-jar"
            label={
              <>
                {t('operate.log.jarTest')}{' '}
                <span className="field-unit" data-no-i18n>
                  (mg/L)
                </span>{' '}
                <span className="field-optional">{t('operate.form.optional')}</span>
              </>
            }
            value={jar}
            onChange={setJar}
            error={!j.valid ? t('operate.log.amountInvalid') : undefined}
          />
          <DecimalField
            name="log-settled"
            label={
              <>
                {t('operate.log.settledObserved')}{' '}
                <span className="field-unit" data-no-i18n>
                  (NTU)
                </span>{' '}
                <span className="field-optional">{t('operate.form.optional')}</span>
              </>
            }
            value={settled}
            onChange={setSettled}
            error={!s.valid ? t('operate.log.amountInvalid') : undefined}
          />
          <FieldShell
            id={noteId}
            className="field-wide"
            label={
              <>
                {t('operate.log.note')}{' '}
                <span className="field-optional">{t('operate.form.optional')}</span>
              </>
            }
          >
            {(describedBy) => (
              <textarea
                id={noteId}
                className="field-input field-textarea"
                data-field="log-note"
                rows={2}
                maxLength={NOTE_MAX_LENGTH}
                value={note}
                aria-describedby={describedBy}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </FieldShell>
        </div>
        <div className="record-actions">
          <button
            type="submit"
            className="button button-primary button-large"
            disabled={!canRecord}
          >
            {t('operate.log.record')}
          </button>
          <p className="record-status" role="status">
            {!ready
              ? t('operate.log.needsReadings')
              : status === 'saved'
                ? t('operate.log.recorded')
                : status === 'failed'
                  ? t('operate.log.saveFailed')
                  : null}
          </p>
        </div>
      </form>
    </section>
  );
}
