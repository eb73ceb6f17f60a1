import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import type { Language } from '../store/settings-slice';

const OPTIONS = [
  { language: 'es', shortKey: 'language.esShort', nameKey: 'language.esName' },
  { language: 'en', shortKey: 'language.enShort', nameKey: 'language.enName' },
] as const satisfies readonly { language: Language; shortKey: string; nameKey: string }[];

/** ES | EN segmented toggle: two real buttons, the current one pressed. */
export function LanguageToggle() {
  const { t } = useTranslation();
  const language = useAppStore((state) => state.language);
  const setLanguage = useAppStore((state) => state.setLanguage);

  return (
    <div className="language-toggle" role="group" aria-label={t('language.groupLabel')}>
      {OPTIONS.map((option) => (
        <button
          key={option.language}
          type="button"
          className="language-button"
          lang={option.language}
          aria-pressed={language === option.language}
          title={t(option.nameKey)}
          onClick={() => setLanguage(option.language)}
        >
          {t(option.shortKey)}
        </button>
      ))}
    </div>
  );
}
