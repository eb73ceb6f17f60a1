import type { SliceCreator } from './app-store';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'es';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** User preferences. Everything in this slice is persisted to localStorage. */
export interface SettingsState {
  language: Language;
}

export interface SettingsActions {
  setLanguage: (language: Language) => void;
}

export type SettingsSlice = SettingsState & SettingsActions;

export const initialSettings: SettingsState = {
  language: DEFAULT_LANGUAGE,
};

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  ...initialSettings,
  setLanguage: (language) => set({ language }),
});

/** The persisted part of this slice (data only, no actions). */
export function persistedSettings(state: SettingsState): SettingsState {
  return { language: state.language };
}

/**
 * Validates what came back from storage: unknown or corrupt values fall back
 * to the defaults instead of reaching the UI.
 */
export function restoreSettings(persisted: unknown): Partial<SettingsState> {
  if (typeof persisted !== 'object' || persisted === null) return {};
  const language = (persisted as Record<string, unknown>).language;
  return isLanguage(language) ? { language } : {};
}
