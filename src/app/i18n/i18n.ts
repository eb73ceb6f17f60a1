import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import { DEFAULT_LANGUAGE, type Language } from '../../store/settings-slice';
import { en } from './en';
import { es } from './es';

export const resources = {
  es: { translation: es },
  en: { translation: en },
} as const;

function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

/**
 * Starts i18next with the language saved in the store (Spanish by default) and
 * keeps i18next and `<html lang>` in step with the store from then on.
 * The store is the single source of truth: change language with `setLanguage`.
 */
export function initI18n(): typeof i18next {
  const language = useAppStore.getState().language;

  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['es', 'en'],
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false }, // React escapes already.
  });
  applyDocumentLanguage(language);

  useAppStore.subscribe((state, previous) => {
    if (state.language === previous.language) return;
    void i18next.changeLanguage(state.language);
    applyDocumentLanguage(state.language);
  });

  return i18next;
}
