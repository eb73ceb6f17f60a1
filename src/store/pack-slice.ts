import type { SliceCreator } from './app-store';

/** The pack the Operate screen recommends with when the operator has not chosen one. */
export const DEFAULT_PACK_ID = 'aguaclara-honduras';

/** Same shape as a manifest id (`src/domain/pack-manifest.ts`). */
export function isPackId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(value) && value.length <= 100;
}

/** The active model pack. Persisted: the operator's choice survives a reload. */
export interface PackState {
  activePackId: string;
}

export interface PackActions {
  setActivePack: (packId: string) => void;
}

export type PackSlice = PackState & PackActions;

export const createPackSlice: SliceCreator<PackSlice> = (set) => ({
  activePackId: DEFAULT_PACK_ID,
  setActivePack: (packId) => {
    if (isPackId(packId)) set({ activePackId: packId });
  },
});

export function persistedPack(state: PackState): PackState {
  return { activePackId: state.activePackId };
}

export function restorePack(persisted: unknown): Partial<PackState> {
  if (typeof persisted !== 'object' || persisted === null) return {};
  const id = (persisted as Record<string, unknown>).activePackId;
  return isPackId(id) ? { activePackId: id } : {};
}
