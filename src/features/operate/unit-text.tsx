import { useTranslation } from 'react-i18next';

/**
 * A unit symbol from a pack manifest. Symbols (NTU, mg/L, L/s) are the same in both languages
 * and are data; the one unit that is words, AguaClara's "plant units", is translated.
 * Callers place it inside an element marked data-no-i18n, except for the translated case,
 * which renders its own unmarked span.
 */
export function UnitText({ unit }: { unit: string }) {
  const { t } = useTranslation();
  if (unit === '') return null;
  if (unit === 'plant units') return <span data-i18n-unit>{t('operate.form.plantUnits')}</span>;
  return <>{unit}</>;
}
