import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDecimalInput } from '../../domain/decimal-input';
import { useAppStore } from '../../store/app-store';
import {
  DOSING_LIMITS,
  isValidDosingValue,
  type DosingSettings as Dosing,
} from '../../store/settings-slice';
import { DecimalField } from './fields';
import { numberToField } from './form-model';
import { formatReading } from './format';

const KEYS = ['strengthPercent', 'densityKgPerL', 'flowLps'] as const;

/** Product strength and density and the plant flow in L/s, for the pump rate. Persisted. */
export function DosingSettingsPanel({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dosing = useAppStore((s) => s.dosing);
  const setDosing = useAppStore((s) => s.setDosing);
  // The text as typed, so "12," is not rewritten while typing; the store holds the number.
  const [text, setText] = useState<Partial<Record<keyof Dosing, string>>>({});

  const labels = {
    strengthPercent: t('operate.settings.strength'),
    densityKgPerL: t('operate.settings.density'),
    flowLps: t('operate.settings.flow'),
  };
  const hints = {
    strengthPercent: t('operate.settings.strengthHint'),
    densityKgPerL: undefined,
    flowLps: t('operate.settings.flowHint'),
  };

  return (
    <section className="panel" aria-labelledby="operate-settings-heading" id="operate-settings">
      <h2 className="section-title" id="operate-settings-heading" tabIndex={-1} ref={headingRef}>
        {t('operate.settings.heading')}
      </h2>
      <p className="calm-note">{t('operate.settings.intro')}</p>
      <div className="field-grid">
        {KEYS.map((key) => {
          const shown =
            text[key] ?? (dosing[key] === null ? '' : numberToField(dosing[key] as number, lang));
          const parsed = parseDecimalInput(shown);
          const value =
            parsed.kind === 'number' ? parsed.value : parsed.kind === 'empty' ? null : NaN;
          const invalid = !isValidDosingValue(key, value);
          const limits = DOSING_LIMITS[key];
          return (
            <DecimalField
              key={key}
              name={`setting-${key}`}
              label={labels[key]}
              value={shown}
              hint={hints[key] ? <p>{hints[key]}</p> : undefined}
              error={
                invalid ? (
                  <>
                    {t('operate.settings.invalid')}{' '}
                    <span className="nowrap" data-no-i18n>
                      {formatReading(limits.min, lang)} – {formatReading(limits.max, lang)}
                    </span>
                  </>
                ) : undefined
              }
              onChange={(next) => {
                setText((s) => ({ ...s, [key]: next }));
                const p = parseDecimalInput(next);
                const v = p.kind === 'number' ? p.value : p.kind === 'empty' ? null : NaN;
                if (isValidDosingValue(key, v)) setDosing({ [key]: v });
              }}
            />
          );
        })}
      </div>
    </section>
  );
}
