import type { SliceCreator } from './app-store';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'es';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The coagulant product and the plant flow, for the dosing-pump rate. Empty (null) until the
 * operator sets them: a guessed product strength would give a wrong pump rate.
 */
export interface DosingSettings {
  /** Active coagulant in the commercial product, % by mass (0 < x ≤ 100). */
  strengthPercent: number | null;
  /** Density of the commercial product, kg/L. */
  densityKgPerL: number | null;
  /**
   * Plant flow in L/s. Separate from the model's flow input, which may be in other units
   * (the AguaClara packs' flow is in "plant units").
   */
  flowLps: number | null;
}

/** User preferences. Everything in this slice is persisted to localStorage. */
export interface SettingsState {
  language: Language;
  dosing: DosingSettings;
}

export interface SettingsActions {
  setLanguage: (language: Language) => void;
  setDosing: (dosing: Partial<DosingSettings>) => void;
}

export type SettingsSlice = SettingsState & SettingsActions;

export const initialDosing: DosingSettings = {
  strengthPercent: null,
  densityKgPerL: null,
  flowLps: null,
};

export const initialSettings: SettingsState = {
  language: DEFAULT_LANGUAGE,
  dosing: initialDosing,
};

/** Valid values for each dosing setting (null always allowed: "not set"). */
export const DOSING_LIMITS = {
  strengthPercent: { min: 0, minExclusive: true, max: 100 },
  densityKgPerL: { min: 0.5, minExclusive: false, max: 3 },
  flowLps: { min: 0, minExclusive: false, max: 100_000 },
} as const satisfies Record<keyof DosingSettings, unknown>;

export function isValidDosingValue(key: keyof DosingSettings, value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const l = DOSING_LIMITS[key];
  return (l.minExclusive ? value > l.min : value >= l.min) && value <= l.max;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  ...initialSettings,
  setLanguage: (language) => set({ language }),
  setDosing: (dosing) =>
    set((state) => {
      const next = { ...state.dosing };
      for (const key of Object.keys(dosing) as (keyof DosingSettings)[]) {
        const value = dosing[key];
        if (value !== undefined && isValidDosingValue(key, value)) next[key] = value;
      }
      return { dosing: next };
    }),
});

/** The persisted part of this slice (data only, no actions). */
export function persistedSettings(state: SettingsState): SettingsState {
  return { language: state.language, dosing: state.dosing };
}

function restoreDosing(raw: unknown): DosingSettings | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const out: DosingSettings = { ...initialDosing };
  for (const key of Object.keys(initialDosing) as (keyof DosingSettings)[]) {
    const v = r[key];
    if (isValidDosingValue(key, v)) out[key] = v as number | null;
  }
  return out;
}

/**
 * Validates what came back from storage: unknown or corrupt values fall back
 * to the defaults instead of reaching the UI.
 */
export function restoreSettings(persisted: unknown): Partial<SettingsState> {
  if (typeof persisted !== 'object' || persisted === null) return {};
  const p = persisted as Record<string, unknown>;
  const out: Partial<SettingsState> = {};
  if (isLanguage(p.language)) out.language = p.language;
  const dosing = restoreDosing(p.dosing);
  if (dosing) out.dosing = dosing;
  return out;
}
